"""dangjian backup / restore: a full round trip, and files that must be refused without changing anything.

The command opens its own transaction, so these tests use transactional_db (real commits and
rollbacks on SQLite and PostgreSQL alike).
"""
import datetime
import hashlib
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangjian.core.backup import schema
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
    person_leave(actor=world.alice, person=world.person_dave, reason="transfer_out",
                 on=datetime.date(2025, 3, 1), note="调往江北区实验小学")
    ApiToken.objects.create(user=world.bob, key=ApiToken.new_key())
    return world


def make_backup(tmp_path) -> str:
    out = str(tmp_path / "backup.zip")
    call_command("backup", out=out)
    return out


def rewrite(src, dst, *, edit=None, manifest_edit=None, fix_checksums=False):
    """Copy a backup zip, changing data files (edit(name, bytes) -> bytes) and/or the manifest."""
    with zipfile.ZipFile(src) as zin:
        manifest = json.loads(zin.read("manifest.json"))
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
    with zipfile.ZipFile(dst, "w") as zout:
        for n, b in files.items():
            zout.writestr(n, b)
        zout.writestr("manifest.json", json.dumps(manifest))
    return str(dst)


def change_the_database(world):
    from dangjian.accounts.models import ApiToken

    add_person(world.branch_b, "赵敏", actor=world.admin, seq=40)
    world.person_a.name = "王芳芳"
    world.person_a.save()
    ApiToken.objects.all().delete()


def test_round_trip_restores_every_record_history_user_token_and_file(filled, tmp_path, media, client):
    from dangjian.core.models import AuditEvent
    from dangjian.members.models import Person

    before = snapshot()
    assert len(before["core.auditevent"]) >= 10 and len(before["accounts.apitoken"]) == 1
    path = make_backup(tmp_path)

    change_the_database(filled)
    (media / "meetings" / "纪要.txt").unlink()
    assert snapshot() != before

    call_command("restore", path, yes=True)

    assert snapshot() == before
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


def test_restore_into_empty_database_needs_no_confirmation(filled, tmp_path):
    before = snapshot()
    path = make_backup(tmp_path)
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", path)
    assert snapshot() == before


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
    _refused(str(cut), "不完整或已损坏")
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


def test_bad_value_deep_in_the_file_is_refused_before_anything_is_deleted(filled, tmp_path):
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

    _refused(rewrite(path, tmp_path / "bad.zip", edit=bad_date, fix_checksums=True), "core.auditevent.jsonl 第")
    assert snapshot() == changed


def test_rows_the_database_rejects_roll_back_the_whole_restore(filled, tmp_path):
    """Readable file, but a duplicated org id fails on insert, after every table was emptied."""
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()

    def duplicate_org(name, data):
        return data + data.split(b"\n")[0] + b"\n" if name == "data/orgs.org.jsonl" else data

    _refused(rewrite(path, tmp_path / "dup.zip", edit=duplicate_org, fix_checksums=True), "数据库拒绝")
    assert snapshot() == changed


def test_other_format_version_or_schema_is_refused(filled, tmp_path):
    path = make_backup(tmp_path)
    change_the_database(filled)
    changed = snapshot()

    def version_2(manifest):
        manifest["format_version"] = 2

    def older_schema(manifest):
        manifest["migrations"]["members"] = manifest["migrations"]["members"][:1]

    _refused(rewrite(path, tmp_path / "v2.zip", manifest_edit=version_2), "格式版本为 2")
    _refused(rewrite(path, tmp_path / "old.zip", manifest_edit=older_schema), "数据库结构与当前数据库不一致")
    not_zip = tmp_path / "roster.zip"
    not_zip.write_text("花名册", encoding="utf-8")
    _refused(str(not_zip), "不完整或已损坏")
    assert snapshot() == changed
