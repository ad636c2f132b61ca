"""A roster import above DANGJIAN_IMPORT_ASYNC_ROWS is confirmed on the page, run by a worker, and stays all or
nothing; smaller ones still run inside the request."""

import datetime

import pytest
from django.core.management import call_command

from dangjian.lib.idcard import make as make_id
from dangjian.members.models import Person
from tests.members.test_import import HEAD, xlsx

# The in-process worker calls close_old_connections() between tasks, as a real worker must; inside a test's
# transaction that closes PostgreSQL's connection (autocommit is off), so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def _rows(n, start=300):
    out = []
    for i in range(n):
        birth = datetime.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        out.append(
            [
                f"测试{i}",
                "男" if i % 2 else "女",
                birth.isoformat(),
                make_id("110105", birth, start + i, "male" if i % 2 else "female"),
                "正式党员",
                "2005-07-01",
                "2006-07-01",
                "大学本科",
                "中级",
            ]
        )
    return out


def _upload(client, path):
    with open(path, "rb") as fh:
        r = client.post("/orgs/BRA/roster/import/", {"file": fh}, follow=True)
    assert "确认导入" in r.content.decode()
    return r.redirect_chain[-1][0].rstrip("/").split("/")[-1]


def test_import_above_the_limit_runs_in_a_worker(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DANGJIAN_IMPORT_ASYNC_ROWS = 5
    before = Person.objects.count()
    client.force_login(world.alice)
    token = _upload(client, xlsx(tmp_path / "big.xlsx", [HEAD, *_rows(6)]))
    r = client.post(f"/orgs/BRA/roster/import/{token}/commit/")
    assert r.status_code == 302 and r["Location"].startswith("/jobs/")
    assert Person.objects.count() == before  # nothing imported inside the request
    call_command("worker", "--batch")
    assert Person.objects.count() == before + 6
    page = client.get(r["Location"]).content.decode()
    assert "已完成：已导入 6 人（big.xlsx）" in page


def test_big_import_that_went_bad_imports_nobody_and_says_why(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DANGJIAN_IMPORT_ASYNC_ROWS = 5
    rows = _rows(6)
    client.force_login(world.alice)
    token = _upload(client, xlsx(tmp_path / "big.xlsx", [HEAD, *rows]))
    r = client.post(f"/orgs/BRA/roster/import/{token}/commit/")
    # Between the preview and the worker, someone adds the fourth person by hand.
    from tests.conftest import add_person

    row = rows[3]
    add_person(world.branch_a, row[0], gender="male", birth=datetime.date.fromisoformat(row[2]), id_number=row[3])
    before = Person.objects.count()
    call_command("worker", "--batch")
    assert Person.objects.count() == before  # all or nothing
    page = client.get(r["Location"]).content.decode()
    assert "生成失败：共 1 处问题，未导入任何人员：第5行" in page


def test_import_at_the_limit_still_runs_in_the_request(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DANGJIAN_IMPORT_ASYNC_ROWS = 6
    client.force_login(world.alice)
    token = _upload(client, xlsx(tmp_path / "six.xlsx", [HEAD, *_rows(6)]))
    r = client.post(f"/orgs/BRA/roster/import/{token}/commit/", follow=True)
    assert "已导入 6 人" in r.content.decode()
