"""dangjian backup / restore: a full round trip, and files that must be refused without changing anything.

The command opens its own transaction, so these tests use transactional_db (real commits and
rollbacks on SQLite and PostgreSQL alike). The backup container is opened and sealed here by an independent
implementation of the documented format (dangjian/site/backup/crypto.py docstring: scrypt → AES-256-GCM chunks,
HMAC-SHA256 of manifest.json under a key derived from SECRET_KEY), not by the code under test.
"""

import base64
import datetime
import hashlib
import hmac
import io
import json
import os
import secrets
import stat
import struct
import zipfile

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.management import call_command
from django.core.management.base import CommandError

from dangjian.site.backup import schema
from tests.conftest import add_person


def snapshot() -> dict:
    """Every row of every covered table, as the database holds it."""
    out = {}
    for model in schema.covered_models():
        names = [f.attname for f in schema.fields_of(model)]
        out[model._meta.label_lower] = list(model._base_manager.order_by("pk").values_list(*names))
    return out


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "meetings").mkdir(parents=True)
    (settings.MEDIA_ROOT / "meetings" / "纪要.txt").write_text("三会一课 会议纪要", encoding="utf-8")
    return settings.MEDIA_ROOT


@pytest.fixture
def filled(transactional_db, world, media):
    """The shared world plus history rows, a token and an uploaded file."""
    from dangjian.accounts.models import ApiToken
    from dangjian.members.services import person_leave, person_update

    person_update(actor=world.alice, person=world.person_a, phone="13800000001", post="语文教师")
    person_leave(
        actor=world.alice,
        person=world.person_dave,
        reason="transfer_out",
        on=datetime.date(2025, 3, 1),
        note="调往江北区实验小学",
    )
    ApiToken.objects.create(user=world.bob, key=ApiToken.new_key())
    return world


PASSPHRASE = "党建备份-口令-2026"
MAGIC = b"DANGJIAN-BACKUP-2\n"


@pytest.fixture(autouse=True)
def passphrase(monkeypatch):
    monkeypatch.setenv("DANGJIAN_BACKUP_PASSPHRASE", PASSPHRASE)
    return PASSPHRASE


def make_backup(tmp_path) -> str:
    out = str(tmp_path / "backup.zip")
    call_command("backup", out=out)
    return out


def open_container(path, passphrase=PASSPHRASE) -> bytes:
    """The zip inside a backup file, decrypted by hand."""
    data = open(path, "rb").read()
    assert data.startswith(MAGIC)
    end = data.index(b"\n", len(MAGIC)) + 1
    head = json.loads(data[len(MAGIC) : end])
    key = hashlib.scrypt(
        passphrase.encode(),
        salt=base64.b64decode(head["salt"]),
        n=head["n"],
        r=head["r"],
        p=head["p"],
        dklen=32,
        maxmem=1 << 26,
    )
    aes, prefix, pos, index, out = AESGCM(key), base64.b64decode(head["nonce_prefix"]), end, 0, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        sealed = data[pos + 4 : pos + 4 + length]
        pos += 4 + length
        last = pos == len(data)
        nonce = prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")
        out += aes.decrypt(nonce, sealed, data[:end])
        index += 1
    return out


def seal(zip_bytes: bytes, passphrase=PASSPHRASE, chunk=1 << 20) -> bytes:
    """A backup container around zip_bytes, built by hand as the format describes."""
    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(7)
    n, r, p = 1 << 14, 8, 1
    key = hashlib.scrypt(passphrase.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=1 << 26)
    check = hmac.new(key, b"passphrase-check", hashlib.sha256).digest()[:16]
    header = (
        json.dumps(
            {
                "kdf": "scrypt",
                "n": n,
                "r": r,
                "p": p,
                "salt": base64.b64encode(salt).decode(),
                "cipher": "AES-256-GCM",
                "nonce_prefix": base64.b64encode(prefix).decode(),
                "chunk": chunk,
                "check": base64.b64encode(check).decode(),
            }
        ).encode()
        + b"\n"
    )
    aad, aes = MAGIC + header, AESGCM(key)
    blocks = [zip_bytes[i : i + chunk] for i in range(0, len(zip_bytes), chunk)] or [b""]
    out = aad
    for i, block in enumerate(blocks):
        nonce = prefix + struct.pack(">I", i) + (b"\x01" if i == len(blocks) - 1 else b"\x00")
        sealed = aes.encrypt(nonce, block, aad)
        out += struct.pack(">I", len(sealed)) + sealed
    return out


def server_signature(manifest_bytes: bytes, secret_key: str) -> bytes:
    key = hmac.new(secret_key.encode(), b"dangjian backup signature v1", hashlib.sha256).digest()
    return json.dumps({"alg": "HMAC-SHA256", "mac": hmac.new(key, manifest_bytes, hashlib.sha256).hexdigest()}).encode()


def rewrite(src, dst, *, edit=None, manifest_edit=None, fix_checksums=False, sign_with=None):
    """Copy a backup, changing data files (edit(name, bytes) -> bytes) and/or the manifest, and seal it again
    with the right passphrase. The old signature is kept unless sign_with (a SECRET_KEY) is given: a forger
    knows the passphrase, only the server knows its key."""
    with zipfile.ZipFile(io.BytesIO(open_container(src))) as zin:
        raw_manifest = zin.read("manifest.json")
        manifest = json.loads(raw_manifest)
        files = {n: zin.read(n) for n in zin.namelist() if n != "manifest.json"}
    if edit:
        files = {n: edit(n, b) for n, b in files.items()}
    if fix_checksums:
        for table in manifest["tables"]:
            data = files[table["file"]]
            table["sha256"] = hashlib.sha256(data).hexdigest()
            table["rows"] = data.count(b"\n")
    if manifest_edit:
        manifest_edit(manifest)
    if fix_checksums or manifest_edit:
        raw_manifest = json.dumps(manifest).encode()
    if sign_with is not None:
        files["signature.json"] = server_signature(raw_manifest, sign_with)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for n, b in files.items():
            zout.writestr(n, b)
        zout.writestr("manifest.json", raw_manifest)
    open(dst, "wb").write(seal(buf.getvalue()))
    return str(dst)


def change_the_database(world):
    from dangjian.accounts.models import ApiToken

    add_person(world.branch_b, "赵敏", actor=world.admin, seq=40)
    world.person_a.name = "王芳芳"
    world.person_a.save()
    ApiToken.objects.all().delete()


def without_restore_row(snap: dict) -> dict:
    """A snapshot without the audit row that records the restore itself (the last row)."""
    out = dict(snap)
    assert out["core.auditevent"][-1][4] == "backup.restore"
    out["core.auditevent"] = out["core.auditevent"][:-1]
    return out


def test_round_trip_restores_every_record_history_user_and_file_but_no_token(filled, tmp_path, media, client, settings):
    from dangjian.core.models import AuditEvent
    from dangjian.members.models import Person

    before = snapshot()
    assert len(before["core.auditevent"]) >= 10 and len(before["accounts.apitoken"]) == 1
    path = make_backup(tmp_path)

    change_the_database(filled)
    (media / "meetings" / "纪要.txt").unlink()
    assert snapshot() != before

    call_command("restore", path, yes=True)

    after = snapshot()
    assert after["accounts.apitoken"] == []  # tokens are never in a backup: users issue new ones
    before["accounts.apitoken"] = []
    assert without_restore_row(after) == before
    assert (media / "meetings" / "纪要.txt").read_text(encoding="utf-8") == "三会一课 会议纪要"
    # History survives with its original timestamps (auto_now_add must not re-stamp restored rows).
    left = AuditEvent.objects.get(kind="person.leave")
    assert left.at == next(r for r in before["core.auditevent"] if r[0] == left.pk)[1]
    # A restored secretary signs in with her old password and sees her branch's roster and history.
    assert client.login(username="alice", password="pw-alice")
    page = client.get("/orgs/BRA/roster/")
    assert "王芳" in page.content.decode() and "王芳芳" not in page.content.decode()
    detail = client.get(f"/people/{filled.person_a.pk}/").content.decode()
    assert "13800000001" in detail
    # Sequences continue after the restored ids: new rows get fresh primary keys.
    newcomer = add_person(filled.branch_a, "钱进", actor=filled.alice, seq=77)
    assert newcomer.pk > max(p.pk for p in Person.objects.exclude(pk=newcomer.pk))


def test_restore_is_audited_and_the_chain_still_verifies(filled, tmp_path, capsys):
    from dangjian.core.models import AuditEvent

    path = make_backup(tmp_path)
    taken = AuditEvent.objects.order_by("-id").first()  # taking a backup (all personal data) is audited too
    assert taken.kind == "backup.create" and taken.data["file"] == os.path.realpath(path)
    change_the_database(filled)
    call_command("restore", path, yes=True)
    row = AuditEvent.objects.order_by("-id").first()
    assert row.kind == "backup.restore" and row.actor is None
    assert row.data["file"] == os.path.realpath(path)
    assert row.data["os_user"] and row.data["host"]
    assert abs((row.at - datetime.datetime.now(datetime.UTC)).total_seconds()) < 120
    capsys.readouterr()
    call_command("audit", "verify")
    count = AuditEvent.objects.count()
    assert capsys.readouterr().out.strip() == f"审计日志完整，共{count}条"


def test_backup_file_is_private_encrypted_and_holds_no_token_or_password_hash_in_clear(filled, tmp_path):
    from django.contrib.auth.models import User

    from dangjian.accounts.models import ApiToken

    token = ApiToken.objects.get().key
    path = make_backup(tmp_path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    raw = open(path, "rb").read()
    assert raw.startswith(MAGIC) and b"PK\x03\x04" not in raw
    hashes = [u.password for u in User.objects.all()]
    for secret in [token, *hashes, "王芳", filled.person_a.id_number]:
        assert secret.encode() not in raw
    with zipfile.ZipFile(io.BytesIO(open_container(path))) as zf:
        inside = b"".join(zf.read(n) for n in zf.namelist())
        assert zf.read("data/accounts.apitoken.jsonl") == b""
    assert token.encode() not in inside
    assert hashes[0].encode() in inside  # password hashes are kept, but only inside the encryption
    assert not list(tmp_path.glob("*.partial"))


def test_wrong_passphrase_is_refused_and_database_unchanged(filled, tmp_path, monkeypatch):
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()
    monkeypatch.setenv("DANGJIAN_BACKUP_PASSPHRASE", PASSPHRASE + "x")
    _refused(path, "备份口令不正确")
    assert snapshot() == changed


def test_backup_without_a_passphrase_is_refused(filled, tmp_path, monkeypatch):
    monkeypatch.delenv("DANGJIAN_BACKUP_PASSPHRASE")
    with pytest.raises(CommandError, match="DANGJIAN_BACKUP_PASSPHRASE"):
        call_command("backup", out=str(tmp_path / "b.zip"))
    monkeypatch.setenv("DANGJIAN_BACKUP_PASSPHRASE", "short")
    with pytest.raises(CommandError, match="至少 8 个字符"):
        call_command("backup", out=str(tmp_path / "b.zip"))
    assert not (tmp_path / "b.zip").exists()


def test_forged_backup_with_recomputed_checksums_is_refused(filled, tmp_path):
    """The forger knows the passphrase and recomputes every checksum, but cannot sign without the server's key."""
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()

    def rename_someone(name, data):
        return data.replace("李强".encode(), "李四".encode()) if name == "data/members.person.jsonl" else data

    def drop_audit_rows(name, data):
        return b"".join(data.splitlines(keepends=True)[:-5]) if name == "data/core.auditevent.jsonl" else data

    _refused(rewrite(path, tmp_path / "forged.zip", edit=rename_someone, fix_checksums=True), "签名不符")
    _refused(
        rewrite(
            path,
            tmp_path / "forged2.zip",
            edit=drop_audit_rows,
            fix_checksums=True,
            sign_with="a-guessed-key-that-is-not-the-servers",
        ),
        "签名不符",
    )
    assert snapshot() == changed


def test_backup_signed_under_another_secret_key_is_refused(filled, tmp_path, settings):
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()
    settings.SECRET_KEY = "another-installation-" + "k" * 50
    _refused(path, "签名不符")
    assert snapshot() == changed


def test_old_unencrypted_backup_and_cut_container_are_refused(filled, tmp_path):
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()
    old = tmp_path / "old.zip"
    old.write_bytes(open_container(path))  # a bare zip, as format 1 wrote it
    _refused(str(old), "旧版")
    raw = open(path, "rb").read()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(raw[:-10])
    _refused(str(cut), "已被改动或损坏|不完整")
    assert snapshot() == changed


def test_restore_into_empty_database_needs_no_confirmation(filled, tmp_path):
    before = snapshot()
    path = make_backup(tmp_path)
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", path)
    before["accounts.apitoken"] = []
    assert without_restore_row(snapshot()) == before


def test_non_empty_database_is_not_replaced_without_yes(filled, tmp_path):
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", path)
    assert snapshot() == changed


def _refused(path, match):
    with pytest.raises(CommandError, match=match) as info:
        call_command("restore", path, yes=True)
    assert "未作任何改动" in str(info.value)


def test_truncated_file_is_refused_and_database_unchanged(filled, tmp_path):
    path = make_backup(tmp_path)
    data = open(path, "rb").read()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) * 2 // 3])
    change_the_database(filled)
    changed = snapshot()
    _refused(str(cut), "不完整|已损坏")
    assert snapshot() == changed


def test_missing_rows_and_tampered_rows_are_refused(filled, tmp_path):
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()

    def drop_last_person(name, data):
        return data.rsplit(b"\n", 2)[0] + b"\n" if name == "data/members.person.jsonl" else data

    def rename_someone(name, data):
        return data.replace("李强".encode(), "李四".encode()) if name == "data/members.person.jsonl" else data

    _refused(rewrite(path, tmp_path / "short.zip", edit=drop_last_person), "应有 3 行，实际读到 2 行")
    _refused(rewrite(path, tmp_path / "tampered.zip", edit=rename_someone), "校验和不符")
    assert snapshot() == changed


def test_bad_value_deep_in_the_file_is_refused_before_anything_is_deleted(filled, tmp_path, settings):
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()

    def bad_date(name, data):
        if name != "data/core.auditevent.jsonl":
            return data
        lines = data.split(b"\n")
        row = json.loads(lines[-2])
        row[1] = "2025-13-45T99:00:00"
        lines[-2] = json.dumps(row).encode()
        return b"\n".join(lines)

    _refused(
        rewrite(path, tmp_path / "bad.zip", edit=bad_date, fix_checksums=True, sign_with=settings.SECRET_KEY),
        "core.auditevent.jsonl 第",
    )
    assert snapshot() == changed


def test_rows_the_database_rejects_roll_back_the_whole_restore(filled, tmp_path, settings):
    """Readable file, but a duplicated org id fails on insert, after every table was emptied."""
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()

    def duplicate_org(name, data):
        return data + data.split(b"\n")[0] + b"\n" if name == "data/orgs.org.jsonl" else data

    _refused(
        rewrite(path, tmp_path / "dup.zip", edit=duplicate_org, fix_checksums=True, sign_with=settings.SECRET_KEY),
        "数据库拒绝",
    )
    assert snapshot() == changed


def test_other_format_version_or_schema_is_refused(filled, tmp_path, settings):
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()

    def version_3(manifest):
        manifest["format_version"] = 3

    def older_schema(manifest):
        manifest["migrations"]["members"] = manifest["migrations"]["members"][:1]

    key = settings.SECRET_KEY
    _refused(rewrite(path, tmp_path / "v3.zip", manifest_edit=version_3, sign_with=key), "格式版本为 3")
    _refused(
        rewrite(path, tmp_path / "old.zip", manifest_edit=older_schema, sign_with=key), "数据库结构与当前数据库不一致"
    )
    not_zip = tmp_path / "roster.zip"
    not_zip.write_text("花名册", encoding="utf-8")
    _refused(str(not_zip), "不完整或已损坏")
    assert snapshot() == changed
