"""Personal fields at rest: authenticated encryption (AES-256-GCM) and a keyed lookup hash (HMAC-SHA256).

From the master key (settings.FIELD_KEY, 32 bytes) two keys are derived with HKDF-SHA256 (RFC 5869, no salt):
info b"dangjian/field/aes-256-gcm" → the encryption key, info b"dangjian/field/hmac-sha256" → the lookup key.
A stored value is "v1." + base64url(12-byte random nonce + ciphertext + 16-byte tag), associated data = the field's
label (so a value copied into another field does not decrypt). The lookup hash is hex HMAC-SHA256 of the value
as saved (stripped, upper case): equal numbers give equal hashes, so uniqueness checks and lookups use it.
The empty value is stored as "" (no secret to hide, and `exclude(id_number="")` keeps working).
"""

import base64
import functools
import hashlib
import hmac
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "v1."


class FieldKeyError(Exception):
    """A stored value does not decrypt under the configured key."""


def _master() -> bytes:
    from django.conf import settings

    return settings.FIELD_KEY


@functools.lru_cache(maxsize=4)
def _keys(master: bytes) -> tuple[AESGCM, bytes]:
    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    return AESGCM(derive(b"dangjian/field/aes-256-gcm")), derive(b"dangjian/field/hmac-sha256")


def normalize(value) -> str:
    return (value or "").strip().upper()


def encrypt(value: str, label: str) -> str:
    if not value:
        return ""
    aes, _ = _keys(_master())
    nonce = secrets.token_bytes(12)
    sealed = aes.encrypt(nonce, value.encode("utf-8"), label.encode("ascii"))
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def is_encrypted(stored) -> bool:
    return isinstance(stored, str) and stored.startswith(PREFIX)


def decrypt(stored: str, label: str) -> str:
    """The clear value; a value stored before encryption (no prefix) is returned as it is."""
    if not is_encrypted(stored):
        return stored or ""
    aes, _ = _keys(_master())
    try:
        raw = base64.urlsafe_b64decode(stored[len(PREFIX) :])
        return aes.decrypt(raw[:12], raw[12:], label.encode("ascii")).decode("utf-8")
    except (InvalidTag, ValueError) as exc:
        raise FieldKeyError(
            f"无法解密{label}：密钥（DANGJIAN_FIELD_KEY 或数据目录中的 field_key）与加密时不一致，或数据已损坏"
        ) from exc


def lookup_hash(value) -> str:
    value = normalize(value)
    if not value:
        return ""
    _, key = _keys(_master())
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def mask_id_number(number) -> str:
    """'110105********002X': the area code and the last four only (the birth date is hidden)."""
    number = str(number or "")
    return f"{number[:6]}********{number[-4:]}" if len(number) == 18 else "*" * len(number)


PERSONAL_KEYS = frozenset({"id_number"})


def mask_personal(data):
    """Audit data with the values under personal keys masked (strings and [old, new] pairs, at any depth)."""
    if isinstance(data, dict):
        return {k: (_mask_value(v) if k in PERSONAL_KEYS else mask_personal(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [mask_personal(v) for v in data]
    return data


def _mask_value(value):
    if isinstance(value, list):
        return [_mask_value(v) for v in value]
    if isinstance(value, str) and value:
        return mask_id_number(value)
    return value
