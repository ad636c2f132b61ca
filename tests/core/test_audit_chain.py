"""The audit log is a hash chain and append-only (issue 18).

Expected hashes come from an independent verifier written here from the README's definition (SHA-256 over
the row's canonical JSON, a newline, then the previous row's hash), not from dangjian.core.audit.
"""

import datetime
import hashlib
import json

import pytest
import xlsxwriter
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.core.models import AuditEvent
from dangjian.lib.idcard import make as make_id
from dangjian.members.roster_io.importer import import_roster


def independent_chain_ok(rows) -> list[int]:
    """Ids of rows whose link or hash is wrong, by the published definition."""
    bad, prev = [], ""
    for r in rows:
        at = r["at"].astimezone(datetime.UTC).isoformat(timespec="microseconds")
        content = json.dumps(
            {
                "at": at,
                "actor": r["actor_id"],
                "org": r["org_id"],
                "kind": r["kind"],
                "subject_type": r["subject_type"],
                "subject_id": r["subject_id"],
                "data": r["data"],
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        want = hashlib.sha256(f"{content}\n{prev}".encode()).hexdigest()
        if r["prev_hash"] != prev or r["hash"] != want:
            bad.append(r["id"])
        prev = r["hash"]
    return bad


def rows():
    return list(AuditEvent.objects.order_by("id").values())


def verify_output():
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue().strip()


def drop_trigger():
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("DROP TRIGGER core_auditevent_append_only ON core_auditevent")
        else:
            cur.execute("DROP TRIGGER core_auditevent_no_update")
            cur.execute("DROP TRIGGER core_auditevent_no_delete")


def roster_file(path):
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    head = ["姓名", "性别", "出生日期", "公民身份号码", "人员类别", "入党时间", "转正时间", "学历", "专业技术职务"]
    people = [
        [
            "张三",
            "男",
            "1980-03-15",
            make_id("110105", datetime.date(1980, 3, 15), 11, "male"),
            "正式党员",
            "2005-07-01",
            "2006-07-01",
            "大学本科",
            "中级",
        ],
        [
            "李四",
            "女",
            "1992-07-01",
            make_id("110105", datetime.date(1992, 7, 1), 12, "female"),
            "正式党员",
            "2015-03-01",
            "2016-03-01",
            "研究生",
            "初级",
        ],
    ]
    for r, row in enumerate([head, *people]):
        for c, v in enumerate(row):
            ws.write_string(r, c, v)
    book.close()
    return path


def test_fresh_chain_verifies_and_matches_the_published_definition(world, tmp_path):
    # Rows from three writers: services (record), the roster importer's bulk path, and a login signal.
    import_roster(roster_file(tmp_path / "roster.xlsx"), org=world.branch_a, actor=world.admin, source="t")
    all_rows = rows()
    assert {"person.import", "person.create"} <= {r["kind"] for r in all_rows}
    assert independent_chain_ok(all_rows) == []
    assert verify_output() == f"审计日志完整，共{len(all_rows)}条"


def test_login_over_http_is_chained(world, client):
    client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"}, REMOTE_ADDR="10.0.0.8")
    assert independent_chain_ok(rows()) == []


def test_tampered_row_is_named_and_verify_fails(world):
    target = rows()[3]
    drop_trigger()  # the test plays an attacker with database access who removes the guard first
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE core_auditevent SET data = %s WHERE id = %s",
            [json.dumps({"changes": {"name": [None, "假名"]}}), target["id"]],
        )
    assert independent_chain_ok(rows())[0] == target["id"]
    with pytest.raises(CommandError) as err:
        verify_output()
    msg = str(err.value)
    assert f"id={target['id']}" in msg and "第4条" in msg and "被改动" in msg and "假名" in msg


def test_deleted_row_breaks_the_next_link(world):
    before = rows()
    drop_trigger()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditevent WHERE id = %s", [before[2]["id"]])
    with pytest.raises(CommandError) as err:
        verify_output()
    assert f"id={before[3]['id']}" in str(err.value) and "前序哈希" in str(err.value)


@pytest.mark.parametrize(
    "sql", ["UPDATE core_auditevent SET kind = 'x' WHERE id = %s", "DELETE FROM core_auditevent WHERE id = %s"]
)
def test_database_refuses_update_and_delete_of_audit_rows(world, sql):
    target = rows()[0]["id"]
    with pytest.raises(DatabaseError) as err, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, [target])
    assert "审计日志只能追加" in str(err.value)
    assert AuditEvent.objects.filter(id=target).exists()


def test_app_refuses_to_edit_or_delete_an_audit_row(world):
    event = AuditEvent.objects.order_by("id").first()
    event.kind = "x"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    from django.conf import settings

    assert "django.contrib.admin" not in settings.INSTALLED_APPS  # no admin site to edit rows through


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE dues_duespayment SET amount = 0 WHERE id = %s",
        "DELETE FROM dues_duespaymentmonth WHERE payment_id = %s",
        "DELETE FROM dues_duespayment WHERE id = %s",
    ],
)
def test_database_refuses_update_and_delete_of_dues_ledger_rows(world, sql):
    from dangjian.dues import services as dues

    dues.base_set(actor=world.alice, person=world.person_a, effective_month="2026-01", category="employed", base="7650")
    payment = dues.payment_record(
        actor=world.alice, person=world.person_a, paid_on=datetime.date(2026, 4, 10), months=["2026-01"]
    )
    with pytest.raises(DatabaseError) as err, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, [payment.pk])
    assert "只能追加" in str(err.value)


def test_flush_and_restore_still_work(world, tmp_path):
    # The whole-database paths (flush between transactional tests, restore) pass the delete guard.
    from dangjian.core.audit import maintenance

    with transaction.atomic(), maintenance(), connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditevent")
    assert AuditEvent.objects.count() == 0


# ---- reading and exporting ------------------------------------------------------------------------------


def erin(world):
    """A bureau officer of BUREAU without the ID-number permission."""
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment

    u = User.objects.create_user("erin", "", "pw-erin")
    RoleAssignment.objects.create(user=u, org=world.bureau, role="bureau_officer")
    return u


def sheet_rows(content: bytes) -> list[list]:
    import io

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_officer_export_lists_only_his_subtree(world, login):
    client = login(world.bob)
    r = client.get("/audit/export.xlsx")
    assert r.status_code == 200
    table = sheet_rows(r.content)
    assert table[1][:4] == ["序号", "时间", "操作", "操作人"]
    orgs = {row[5] for row in table[2:]}
    text = "\n".join(str(c) for row in table[2:] for c in row)
    # BUREAU's subtree: the bureau, branch A, its group; never the other bureau or branch B.
    assert orgs == {"江北区教育局党委", "飞龙中学党支部", "第一党小组"}
    assert "王芳" in text and "丁伟" in text and "李强" not in text
    # Bob may see ID numbers on the roster, but the audit log stores and shows masked ones only (issue #18).
    number = world.person_a.id_number
    assert number not in text and f"{number[:6]}********{number[-4:]}" in text
    # issue #16: prints (A4 landscape, one page wide, header repeated) under a Chinese name (was "audit-….xlsx")
    from tests.lib.office_checks import assert_bordered, assert_prints, download_filename

    ws = assert_prints(r.content).active
    assert ws.print_title_rows == "$2:$2"
    assert_bordered(ws, 3, 1)
    assert download_filename(r) == "审计日志（2026年11月22日10时00分导出）.xlsx"


def test_administrator_reads_everything_and_filters(world, login):
    client = login(world.admin)
    body = client.get("/audit/").content.decode()
    assert "李强" in body and "王芳" in body
    body = client.get("/audit/", {"org": "BRB", "kind": "person."}).content.decode()
    assert "李强" in body and "王芳" not in body
    r = client.get("/audit/", {"date_from": "2026-11-23"})  # the suite lives on 2026-11-22
    assert "没有符合条件的记录" in r.content.decode()
    r = client.get("/audit/", {"date_from": "2026-13-01"})
    assert r.status_code == 422 and "开始日期「2026-13-01」不是有效日期" in r.content.decode()


def test_id_numbers_masked_for_viewer_without_the_permission(world, login, client):
    from tests.api.helpers import call

    e = erin(world)
    number = world.person_a.id_number
    masked = f"{number[:6]}********{number[-4:]}"
    body = login(e).get("/audit/", {"org": "BRA", "kind": "person.create"}).content.decode()
    assert masked in body and number not in body
    r = call(client, "GET", "/api/v1/audit/?org=BRA&kind=person.create", e)
    assert r.status_code == 200
    assert masked in r.content.decode() and number not in r.content.decode()
    r = call(
        client, "GET", "/api/v1/audit/?org=BRA&kind=person.create", world.bob
    )  # the permission does not unmask the log
    assert masked in r.content.decode() and number not in r.content.decode()


def test_api_scope_and_refusals(world, client):
    from tests.api.helpers import call

    r = call(client, "GET", "/api/v1/audit/?limit=1000", world.bob)
    codes = {item["org_code"] for item in r.json()["items"]}
    assert r.status_code == 200 and codes == {"BUREAU", "BRA", "BRA-G1"}
    assert r.json()["total"] == len(r.json()["items"])
    r = call(client, "GET", "/api/v1/audit/?org=BRB", world.bob)
    assert r.status_code == 422 and "不在您的管理范围内" in r.content.decode()
    for who in (world.alice, world.charlie, world.dave):
        r = call(client, "GET", "/api/v1/audit/", who)
        assert r.status_code == 403 and "审计日志只有系统管理员" in r.content.decode()
    r = call(client, "GET", "/api/v1/audit/export.xlsx?org=BRA", world.bob)
    assert r.status_code == 200 and {row[5] for row in sheet_rows(r.content)[2:]} == {"飞龙中学党支部", "第一党小组"}


def test_secretary_cannot_open_the_audit_page(world, login):
    assert login(world.alice).get("/audit/").status_code == 403


WRITER = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "dangjian.settings"
django.setup()
from django.db import transaction
from dangjian.core import audit
from dangjian.orgs.models import Org
org = Org.objects.get(code="CONC")
for i in range(10):
    with transaction.atomic():
        audit.record(actor=None, org=org, kind="test.concurrent", subject=org, data={"w": sys.argv[1], "i": i})
"""


def test_concurrent_writers_keep_one_chain(transactional_db, tmp_path):
    """Several writers at once, each row in its own transaction; the chain must not fork.
    PostgreSQL (DJANGO_DB=postgres): eight threads on the test database, held by the advisory lock.
    SQLite: the in-memory test database cannot take concurrent writers (shared-cache table locks), so the
    migrated schema is copied to a file and four processes write to it, as the server's workers would.
    Teardown flushes the tables, which the append-only triggers must let through (the flush command)."""
    import os
    import subprocess
    import sys
    import threading

    from django.db import connections

    from dangjian.core import audit
    from dangjian.orgs.models import Org

    org = Org.objects.create(kind="committee", name="并发测试党委", code="CONC", path="/", depth=0)
    if connection.vendor == "postgresql":
        errors = []

        def work(n):
            try:
                for i in range(10):
                    with transaction.atomic():
                        audit.record(actor=None, org=org, kind="test.concurrent", subject=org, data={"w": n, "i": i})
            except Exception as exc:  # noqa: BLE001 -- collected: a thread's exception would otherwise be lost
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        all_rows = rows()
        assert len(all_rows) == 80 and independent_chain_ok(all_rows) == []
        assert verify_output() == "审计日志完整，共80条"
        return
    import sqlite3

    db = tmp_path / "concurrent.sqlite3"
    target = sqlite3.connect(db)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    env = {**os.environ, "DJANGO_DB": "sqlite", "DANGJIAN_SQLITE": str(db)}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(n)], env=env, stderr=subprocess.PIPE) for n in range(4)
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read().decode()
    dangjian = os.path.join(os.path.dirname(sys.executable), "dangjian")
    out = subprocess.run(
        [dangjian, "audit", "verify"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "审计日志完整，共40条"
    check = sqlite3.connect(db)
    got = check.execute("SELECT COUNT(DISTINCT prev_hash), COUNT(*) FROM core_auditevent").fetchone()
    assert got == (40, 40)  # no two rows claim the same predecessor: the chain did not fork


TEXT = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\x00"
)  # PostgreSQL's jsonb cannot hold NUL at all


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.text(TEXT, max_size=8),
        st.recursive(
            st.none()
            | st.booleans()
            | st.integers(-(2**53), 2**53)
            | st.floats(allow_nan=False, allow_infinity=False)
            | st.text(TEXT, max_size=20),
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(TEXT, max_size=8), inner, max_size=4),
            max_leaves=12,
        ),
        max_size=4,
    )
)
def test_any_json_data_stored_and_read_back_still_verifies(db, data):
    # Law: whatever JSON a service records, the hash computed before insert matches the row read back.
    from dangjian.core import audit
    from dangjian.orgs.models import Org

    org = Org.objects.filter(code="LAW").first() or Org.objects.create(kind="committee", name="党委", code="LAW")
    audit.record(actor=None, org=org, kind="test.law", subject=org, data=data)
    assert audit.verify()[1] is None
