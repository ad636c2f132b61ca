"""The encrypted container around a backup zip, and the zip's signature.

Container (format 2), all integers big-endian:

    b"DANGJIAN-BACKUP-2\\n"
    header: one line of JSON + b"\\n"  {"kdf": "scrypt", "n", "r", "p", "salt" (base64), "cipher": "AES-256-GCM",
                                        "nonce_prefix" (base64, 7 bytes), "chunk" (plaintext bytes per chunk),
                                        "check" (base64: HMAC-SHA256(key, b"passphrase-check")[:16])}
    chunks: 4-byte length + AES-256-GCM ciphertext (with its 16-byte tag), until the last chunk

key = scrypt(passphrase as UTF-8, salt, n, r, p, 32 bytes); chunk i's nonce = nonce_prefix + i (4 bytes) + 1 byte
(1 on the last chunk, else 0); every chunk's associated data is the magic line plus the header line. So a wrong
passphrase, an edited header, a reordered, edited, dropped or appended chunk, and a cut-off file are all refused.

Signature: inside the zip, `signature.json` holds HMAC-SHA256 over the exact bytes of manifest.json, keyed with a
key derived from the server's SECRET_KEY. The manifest lists every table's and file's SHA-256, so one MAC covers
the whole backup: whoever knows the passphrase but not the server's key cannot make a file that restores.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
import struct
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import BackupError

MAGIC = b"DANGJIAN-BACKUP-2\n"
CHUNK = 1 << 20
SCRYPT = {"n": 1 << 15, "r": 8, "p": 1}
MIN_PASSPHRASE = 8
SIGNATURE_FILE = "signature.json"
_MAX_HEADER = 4096


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def derive_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, dklen=32, maxmem=256 * r * n + (1 << 20))


def _check_value(key: bytes) -> bytes:
    return hmac.new(key, b"passphrase-check", hashlib.sha256).digest()[:16]


def passphrase_problem(passphrase: str | None) -> str | None:
    if not passphrase:
        return "没有备份口令：请在终端中输入，或设置环境变量 DANGJIAN_BACKUP_PASSPHRASE"
    if len(passphrase) < MIN_PASSPHRASE:
        return f"备份口令至少 {MIN_PASSPHRASE} 个字符"
    return None


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def encrypt_file(src_path, dst_fh, passphrase: str) -> None:
    """Encrypt the file at src_path into the open binary file dst_fh."""
    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(7)
    key = derive_key(passphrase, salt, **SCRYPT)
    header = (
        json.dumps(
            {
                "kdf": "scrypt",
                **SCRYPT,
                "salt": _b64(salt),
                "cipher": "AES-256-GCM",
                "nonce_prefix": _b64(prefix),
                "chunk": CHUNK,
                "check": _b64(_check_value(key)),
            },
            sort_keys=True,
        ).encode("ascii")
        + b"\n"
    )
    aad = MAGIC + header
    aes = AESGCM(key)
    dst_fh.write(aad)
    with open(src_path, "rb") as src:
        block, index = src.read(CHUNK), 0
        while True:
            following = src.read(CHUNK)
            last = not following
            sealed = aes.encrypt(_nonce(prefix, index, last), block, aad)
            dst_fh.write(struct.pack(">I", len(sealed)) + sealed)
            if last:
                return
            block, index = following, index + 1


def is_container(path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def decrypt_file(src_path, dst_fh, passphrase: str) -> None:
    """Decrypt a container into the open binary file dst_fh; BackupError on any problem."""
    try:
        src = open(src_path, "rb")
    except FileNotFoundError:
        raise BackupError(f"找不到备份文件：{src_path}") from None
    except OSError as exc:
        raise BackupError(f"无法读取备份文件：{exc}") from None
    with src:
        if src.read(len(MAGIC)) != MAGIC:
            raise BackupError("不是党建系统的加密备份文件（文件开头的格式标识不符），或文件不完整或已损坏")
        line = src.readline(_MAX_HEADER)
        try:
            head = json.loads(line)
            salt, prefix = base64.b64decode(head["salt"]), base64.b64decode(head["nonce_prefix"])
            n, r, p, chunk = int(head["n"]), int(head["r"]), int(head["p"]), int(head["chunk"])
            check = base64.b64decode(head["check"])
            if head.get("kdf") != "scrypt" or head.get("cipher") != "AES-256-GCM" or len(prefix) != 7:
                raise ValueError("算法不符")
            # Bounds keep a crafted header from making the key derivation eat the machine.
            if not (2 <= n <= 1 << 20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16 and 1 <= chunk <= 1 << 26):
                raise ValueError("参数超出范围")
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError(f"备份文件头无法读取（文件已损坏）：{exc}") from None
        key = derive_key(passphrase, salt, n, r, p)
        if not hmac.compare_digest(_check_value(key), check):
            raise BackupError("备份口令不正确")
        aes, aad, index = AESGCM(key), MAGIC + line, 0
        while True:
            size = src.read(4)
            if len(size) != 4:
                raise BackupError("备份文件不完整（在最后一段之前就结束了），或已损坏")
            (length,) = struct.unpack(">I", size)
            if length > chunk + 16:
                raise BackupError(f"备份文件第 {index + 1} 段长度不符，文件已被改动或损坏")
            sealed = src.read(length)
            if len(sealed) != length:
                raise BackupError(f"备份文件不完整（第 {index + 1} 段被截断），或已损坏")
            last = _try_open(aes, prefix, index, sealed, aad)
            dst_fh.write(last[1])
            if last[0]:
                if src.read(1):
                    raise BackupError("备份文件在最后一段之后还有多余内容，文件已被改动")
                return
            index += 1


def _try_open(aes, prefix, index, sealed, aad) -> tuple[bool, bytes]:
    for last in (False, True):
        try:
            return last, aes.decrypt(_nonce(prefix, index, last), sealed, aad)
        except InvalidTag:
            continue
    raise BackupError(f"备份文件第 {index + 1} 段解密校验失败：文件已被改动或损坏")


def _signing_keys() -> list[bytes]:
    from django.conf import settings

    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [hmac.new(k.encode("utf-8"), b"dangjian backup signature v1", hashlib.sha256).digest() for k in keys]


def sign(manifest_bytes: bytes) -> bytes:
    mac = hmac.new(_signing_keys()[0], manifest_bytes, hashlib.sha256).hexdigest()
    return json.dumps({"alg": "HMAC-SHA256", "key": "SECRET_KEY", "mac": mac}).encode("ascii")


def check_signature(manifest_bytes: bytes, signature_bytes: bytes | None) -> None:
    if signature_bytes is None:
        raise BackupError("备份文件没有签名，不能恢复（可能是伪造的文件）")
    try:
        mac = bytes.fromhex(json.loads(signature_bytes)["mac"])
    except (ValueError, KeyError, TypeError):
        raise BackupError("备份文件的签名无法读取，不能恢复") from None
    for key in _signing_keys():
        if hmac.compare_digest(hmac.new(key, manifest_bytes, hashlib.sha256).digest(), mac):
            return
    raise BackupError(
        "备份文件签名不符：文件不是本系统生成的，或生成后被改动过（也可能是本系统的密钥 SECRET_KEY 已更换）。不能恢复"
    )


def private_file(path):
    """Create path for writing, readable by the owner only (0600), failing if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "wb")


def obtain_passphrase(*, confirm: bool) -> str:
    """DANGJIAN_BACKUP_PASSPHRASE, else asked on the terminal (twice when confirm); BackupError otherwise."""
    import getpass
    import sys

    value = os.environ.get("DANGJIAN_BACKUP_PASSPHRASE", "")
    if value:
        return value
    if not (sys.stdin and sys.stdin.isatty()):
        raise BackupError("没有备份口令：请设置环境变量 DANGJIAN_BACKUP_PASSPHRASE，或在终端中运行以输入口令")
    try:
        value = getpass.getpass("备份口令：")
        if confirm and getpass.getpass("再次输入备份口令：") != value:
            raise BackupError("两次输入的备份口令不一致")
    except (EOFError, KeyboardInterrupt):
        raise BackupError("没有输入备份口令") from None
    return value
