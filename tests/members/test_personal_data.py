"""身份证号 at rest (issue #18 item 5): encrypted with AES-256-GCM under a key outside the database, found by a keyed
hash, masked in the audit log, revealed on the person page only by "显示" (audited), and the per-person export.

Expected values come from outside the code under test: the stored value is decrypted here with an independent
HKDF (RFC 5869, written out below with hmac) and cryptography's AESGCM; masks are written out by hand.
"""

import base64
import datetime
import hashlib
import hmac
import io
import json
import os
import stat
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.exceptions import FieldError, ValidationError
from django.db import connection

from dangjian.lib.idcard import make as make_id
from tests.conftest import add_person

AAD = b"members.person.id_number"


def hkdf_sha256(ikm: bytes, info: bytes, length: int = 32) -> bytes:
    """RFC 5869 with an empty salt (HashLen zero bytes), by hand."""
    prk = hmac.new(b"\0" * 32, ikm, hashlib.sha256).digest()
    okm, block, i = b"", b"", 1
    while len(okm) < length:
        block = hmac.new(prk, block + info + bytes([i]), hashlib.sha256).digest()
        okm, i = okm + block, i + 1
    return okm[:length]


def stored(person_id):
    with connection.cursor() as cur:
        cur.execute("SELECT id_number, id_number_hash FROM members_person WHERE id = %s", [person_id])
        return cur.fetchone()


def test_id_number_is_stored_encrypted_and_opens_with_an_independent_aes_gcm(world, settings):
    number = world.person_a.id_number
    raw, digest = stored(world.person_a.pk)
    assert number not in raw and raw.startswith("v1.")
    blob = base64.urlsafe_b64decode(raw[3:])
    key = hkdf_sha256(settings.FIELD_KEY, b"dangjian/field/aes-256-gcm")
    assert AESGCM(key).decrypt(blob[:12], blob[12:], AAD).decode() == number
    lookup_key = hkdf_sha256(settings.FIELD_KEY, b"dangjian/field/hmac-sha256")
    assert digest == hmac.new(lookup_key, number.encode(), hashlib.sha256).hexdigest()
    # Two people with numbers of one shape never share a ciphertext (random nonce); nothing in clear anywhere.
    with connection.cursor() as cur:
        cur.execute("SELECT id_number FROM members_person")
        column = [r[0] for r in cur.fetchall()]
    assert len(set(column)) == len(column)
    for p in (world.person_a, world.person_dave, world.person_b):
        assert not any(p.id_number in v for v in column)


def test_a_stored_value_moved_to_another_field_or_edited_does_not_open(world, settings):
    raw, _ = stored(world.person_a.pk)
    blob = bytearray(base64.urlsafe_b64decode(raw[3:]))
    key = hkdf_sha256(settings.FIELD_KEY, b"dangjian/field/aes-256-gcm")
    with pytest.raises(Exception):
        AESGCM(key).decrypt(bytes(blob[:12]), bytes(blob[12:]), b"members.person.phone")
    blob[-1] ^= 1
    forged = "v1." + base64.urlsafe_b64encode(bytes(blob)).decode()
    with connection.cursor() as cur:
        cur.execute("UPDATE members_person SET id_number = %s WHERE id = %s", [forged, world.person_a.pk])
    from dangjian.lib.fieldcrypt import FieldKeyError
    from dangjian.members.models import Person

    with pytest.raises(FieldKeyError, match="无法解密"):
        Person.objects.get(pk=world.person_a.pk)


def test_duplicate_numbers_are_refused_and_lookups_go_through_the_hash(world):
    from dangjian.members.models import Person

    with pytest.raises(ValidationError, match="公民身份号码与飞龙中学党支部的王芳重复"):
        add_person(world.branch_b, "王芳二", actor=world.admin, seq=1)  # the same number as 王芳
    lower = world.person_a.id_number.lower()  # a lower-case x is the same number
    assert Person.objects.get(id_number=world.person_a.id_number) == world.person_a
    assert set(Person.objects.filter(id_number__in=[world.person_a.id_number, world.person_b.id_number])) == {
        world.person_a,
        world.person_b,
    }
    assert Person.objects.filter(id_number=lower).count() == 1
    with pytest.raises(FieldError, match="已加密存储"):
        list(Person.objects.filter(id_number__startswith="330203"))
    # A number changed with save(update_fields=...) moves its hash along.
    new = make_id("330203", world.person_a.birth_date, 55, "female")
    world.person_a.id_number = new
    world.person_a.save(update_fields=["id_number"])
    assert Person.objects.get(id_number=new) == world.person_a


def test_roster_import_refuses_a_number_already_in_the_system(world, tmp_path):
    import xlsxwriter

    from dangjian.members.roster_io import importer

    path = tmp_path / "花名册.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["姓名", "性别", "出生日期", "公民身份号码", "入党时间", "转正时间"])
    ws.write_row(1, 0, ["李强二", "男", "1985-04-12", world.person_b.id_number, "2010-06-20", "2011-06-20"])
    wb.close()
    result = importer.validate(path, org=world.branch_a)
    assert not result.ok
    assert any("系统中已有此公民身份号码：昆山二中第一支部的李强" in p.reason for p in result.problems)


def test_the_audit_log_stores_masked_numbers_and_shows_old_full_ones_masked(world, login):
    from dangjian.core.models import AuditEvent

    number = world.person_a.id_number
    masked = number[:6] + "********" + number[-4:]
    created = AuditEvent.objects.get(kind="person.create", subject_id=world.person_a.pk)
    assert created.data["changes"]["id_number"] == [None, masked]
    assert number not in json.dumps([e.data for e in AuditEvent.objects.all()], ensure_ascii=False)
    # A row written before this change (full number inside), shown to someone who may see ID numbers.
    AuditEvent(
        actor=world.admin,
        org=world.branch_a,
        kind="person.update",
        subject_type="person",
        subject_id=world.person_a.pk,
        data={"changes": {"id_number": ["330203198504120999", number]}},
    ).save()
    body = login(world.bob).get("/audit/", {"org": "BRA"}).content.decode()
    assert number not in body and masked in body and "330203********0999" in body
    page = login(world.bob).get(f"/people/{world.person_a.pk}/").content.decode()
    history = page[page.index('id="history"') :]
    assert number not in history and masked in history


def test_person_page_masks_until_show_which_is_audited(world, client):
    from dangjian.core.models import AuditEvent

    number = world.person_a.id_number
    masked = number[:6] + "********" + number[-4:]
    url = f"/people/{world.person_a.pk}/"
    client.force_login(world.bob)  # may see ID numbers
    page = client.get(url).content.decode()
    assert masked in page and number not in page and 'id="reveal-id"' in page
    r = client.post(f"{url}id-number/", HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and number in r.content.decode()
    event = AuditEvent.objects.get(kind="person.id_reveal")
    assert event.actor == world.bob and event.subject_id == world.person_a.pk
    assert number not in json.dumps(event.data)
    r = client.post(f"{url}id-number/")  # without htmx: the whole page, number shown
    assert r.status_code == 200 and number in r.content.decode() and "<html" in r.content.decode()
    assert AuditEvent.objects.filter(kind="person.id_reveal").count() == 2

    client.force_login(world.alice)  # secretary without the ID permission
    page = client.get(url).content.decode()
    assert masked in page and 'id="reveal-id"' not in page
    assert client.post(f"{url}id-number/").status_code == 403
    client.force_login(world.charlie)  # another bureau: not even the person
    assert client.post(f"{url}id-number/").status_code == 404
    assert AuditEvent.objects.filter(kind="person.id_reveal").count() == 2
    client.force_login(world.dave)  # one's own number in full, no button needed
    page = client.get(f"/people/{world.person_dave.pk}/").content.decode()
    assert world.person_dave.id_number in page


def test_personal_data_export_page_and_api(world, client):
    import openpyxl

    from dangjian.core.models import AuditEvent
    from dangjian.members.services import person_update
    from tests.api.helpers import call

    person_update(actor=world.alice, person=world.person_a, phone="13800000001")
    number = world.person_a.id_number
    masked = number[:6] + "********" + number[-4:]
    client.force_login(world.alice)
    page = client.get(f"/people/{world.person_a.pk}/").content.decode()
    assert f"/people/{world.person_a.pk}/export/" in page
    assert "个人信息保护法" in client.get(f"/people/{world.person_a.pk}/export/").content.decode()
    r = client.get(f"/people/{world.person_a.pk}/export/", {"format": "json"})
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    data = json.loads(r.content)
    assert data["基本信息"]["姓名"] == "王芳" and data["基本信息"]["联系电话"] == "13800000001"
    assert data["基本信息"]["公民身份号码"] == masked  # alice may not see full numbers
    assert data["基本信息"]["所在支部"] == "飞龙中学党支部" and data["基本信息"]["性别"] == "女"
    assert "花名册历史（在册时段）" in data["记录"] and "党费交纳" in data["记录"]
    changes = data["记录"]["变更与操作记录（审计日志）"]
    assert any("13800000001" in row["内容"] for row in changes)
    assert AuditEvent.objects.filter(kind="person.export", actor=world.alice, subject_id=world.person_a.pk).count() == 1

    r = client.get(f"/people/{world.person_a.pk}/export/", {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    assert book.sheetnames[0] == "基本信息"
    cells = {row[0]: row[1] for row in book["基本信息"].iter_rows(min_row=4, values_only=True) if row[0]}
    assert cells["姓名"] == "王芳" and cells["公民身份号码"] == masked

    r = call(client, "GET", f"/api/v1/members/{world.person_a.pk}/export", world.bob)
    assert r.status_code == 200 and json.loads(r.content)["基本信息"]["公民身份号码"] == number  # bob may
    assert call(client, "GET", f"/api/v1/members/{world.person_a.pk}/export", world.charlie).status_code == 404
    assert call(client, "GET", f"/api/v1/members/{world.person_a.pk}/export", world.dave).status_code == 404
    r = call(client, "GET", f"/api/v1/members/{world.person_a.pk}/export?format=pdf", world.alice)
    assert r.status_code == 422
    r = call(client, "GET", f"/api/v1/members/{world.person_a.pk}/export?format=xlsx", world.alice)
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(world.charlie)
    assert client.get(f"/people/{world.person_a.pk}/export/", {"format": "json"}).status_code == 404
    assert AuditEvent.objects.filter(kind="person.export").count() == 4


def _settings_in(tmp_path, **env):
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'dangjian.settings'; django.setup(); "
        "from django.conf import settings; import base64; print(base64.b64encode(settings.FIELD_KEY).decode())"
    )
    full_env = {k: v for k, v in os.environ.items() if k != "DANGJIAN_FIELD_KEY"}
    full_env.update(DANGJIAN_DATA_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True, timeout=120)


def test_field_key_file_is_made_once_readable_by_its_owner_only(tmp_path):
    first = _settings_in(tmp_path)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "field_key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert len(base64.b64decode(first.stdout.strip())) == 32
    assert _settings_in(tmp_path).stdout == first.stdout  # reused, never regenerated
    chosen = base64.urlsafe_b64encode(bytes(range(32))).decode()
    env_run = _settings_in(tmp_path, DANGJIAN_FIELD_KEY=chosen)
    assert base64.b64decode(env_run.stdout.strip()) == bytes(range(32))
    bad = _settings_in(tmp_path, DANGJIAN_FIELD_KEY="short")
    assert bad.returncode != 0 and "DANGJIAN_FIELD_KEY" in bad.stderr


@pytest.mark.django_db(transaction=True)
def test_migration_encrypts_numbers_stored_in_clear(settings):
    """Rows written before 0005 hold the number in clear; migrating forward encrypts them and fills the hash."""
    from django.db.migrations.executor import MigrationExecutor

    from dangjian.members.models import Person

    executor = MigrationExecutor(connection)
    executor.migrate([("members", "0004_version")])
    executor.loader.build_graph()
    old = executor.loader.project_state([("members", "0004_version")]).apps
    from dangjian.orgs.models import Org  # the orgs table is not rolled back

    org = Org.objects.create(kind="branch", name="旧库支部", code="OLD", path="/0/", depth=0)
    number = make_id("110105", datetime.date(1970, 1, 1), 2, "female")
    OldPerson = old.get_model("members", "Person")
    OldPerson.objects.create(
        bureau_id=org.pk,
        org_id=org.pk,
        name="旧记录",
        gender="female",
        birth_date=datetime.date(1970, 1, 1),
        id_number=number,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    person = Person.objects.get(name="旧记录")
    raw, digest = stored(person.pk)
    assert raw.startswith("v1.") and number not in raw
    assert person.id_number == number and Person.objects.get(id_number=number) == person
    assert person.masked_id_number == "110105********" + number[-4:]


def test_editor_without_the_permission_edits_with_the_number_masked(world, client):
    from dangjian.members.forms import EDITABLE, PersonForm
    from dangjian.members.models import Person

    number = world.person_a.id_number
    masked = number[:6] + "********" + number[-4:]
    client.force_login(world.alice)
    page = client.get(f"/people/{world.person_a.pk}/edit/").content.decode()
    assert f'value="{masked}"' in page and number not in page
    initial = PersonForm(instance=Person.objects.get(pk=world.person_a.pk), org=world.branch_a, mask_id=True).initial
    data = {}
    for name in [*EDITABLE, "version"]:
        value = initial.get(name)
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    assert data["id_number"] == masked
    data["phone"] = "13800000002"
    r = client.post(f"/people/{world.person_a.pk}/edit/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    person = Person.objects.get(pk=world.person_a.pk)
    assert person.phone == "13800000002" and person.id_number == number
    # A corrected full number is taken as typed.
    new = make_id("330203", person.birth_date, 31, "female")
    data.update(id_number=new, version=person.version)
    assert client.post(f"/people/{world.person_a.pk}/edit/", data).status_code == 302
    assert Person.objects.get(pk=world.person_a.pk).id_number == new


def test_backup_restores_under_another_field_key(transactional_db, world, tmp_path, monkeypatch, settings):
    """ID numbers travel inside the (encrypted) backup in clear and are encrypted again with the key in force."""
    from django.core.management import call_command

    from dangjian.members.models import Person

    monkeypatch.setenv("DANGJIAN_BACKUP_PASSPHRASE", "备份口令-至少八个字符")
    settings.MEDIA_ROOT = tmp_path / "media"  # never the real data directory's uploads
    path = str(tmp_path / "b.zip")
    call_command("backup", out=path)
    settings.FIELD_KEY = bytes(range(32))
    call_command("restore", path, yes=True)
    person = Person.objects.get(pk=world.person_a.pk)
    assert person.id_number == world.person_a.id_number
    raw, digest = stored(person.pk)
    blob = base64.urlsafe_b64decode(raw[3:])
    key = hkdf_sha256(bytes(range(32)), b"dangjian/field/aes-256-gcm")
    assert AESGCM(key).decrypt(blob[:12], blob[12:], AAD).decode() == person.id_number
    assert Person.objects.get(id_number=person.id_number) == person  # the hash follows the new key


def test_check_names_a_field_key_that_does_not_open_the_stored_numbers(world, settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    call_command("check")  # the right key: no problem
    settings.FIELD_KEY = bytes(32)
    with pytest.raises(SystemCheckError, match="DANGJIAN_FIELD_KEY"):
        call_command("check")
