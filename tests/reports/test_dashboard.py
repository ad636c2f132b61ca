"""The bureau dashboard: branches × indicators, sortable, drill-down, constant query count."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.meetings.models import Kind
from dangjian.orgs.services import org_create
from dangjian.reports.dashboard import dashboard
from tests.conftest import add_person
from tests.meetings.conftest import hold

D = datetime.date
YEAR = 2026


def _branches(world, n, start=0):
    out = []
    for i in range(start, start + n):
        b = org_create(actor=world.admin, kind="branch", name=f"第{i}支部", code=f"B{i:03d}", parent=world.bureau)
        add_person(b, f"党员{i}", actor=world.admin, seq=100 + i)
        hold(b, Kind.GENERAL_MEETING, D(2026, 2, 1), topic="会议")
        out.append(b)
    return out


def _queries(world) -> int:
    with CaptureQueriesContext(connection) as ctx:
        dashboard(world.bureau, YEAR, today=D(2026, 11, 20))
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_branches(world, django_assert_max_num_queries):
    _branches(world, 2)
    few = _queries(world)
    _branches(world, 8, start=10)
    assert _queries(world) == few
    with django_assert_max_num_queries(few):
        data = dashboard(world.bureau, YEAR, today=D(2026, 11, 20))
    assert len(data["rows"]) == 11  # BRA + 10 new


def test_officer_sees_branches_with_indicators_and_drilldown(world, client):
    b = _branches(world, 1)[0]
    hold(world.branch_a, Kind.GENERAL_MEETING, D(2026, 2, 10), topic="会议")
    hold(world.branch_a, Kind.GENERAL_MEETING, D(2026, 5, 10), topic="会议")
    client.force_login(world.bob)
    resp = client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/?sort=meet_missing&dir=desc")
    assert resp.status_code == 200
    rows = resp.context["rows"]
    by_code = {r["code"]: r for r in rows}
    assert by_code["BRA"]["members"] == 2 and by_code[b.code]["members"] == 1
    # b held the Q1 党员大会 only; BRA held Q1 and Q2 (every other required kind is missing in both)
    assert by_code[b.code]["meet_held"] == 1 and by_code["BRA"]["meet_held"] == 2
    assert by_code[b.code]["meet_missing"] > 0 and by_code[b.code]["overdue"] >= by_code[b.code]["meet_missing"]
    assert [r["meet_missing"] for r in rows] == sorted((r["meet_missing"] for r in rows), reverse=True)
    html = resp.content.decode()
    assert f'href="/reports/org/BRA/summary/{YEAR}/"' in html
    assert f'href="/meetings/org/BRA/calendar/{YEAR}/"' in html
    assert "BRB" not in html  # another bureau's branch is not in this subtree


def test_dashboard_out_of_scope_is_404(world, client):
    client.force_login(world.charlie)
    assert client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/").status_code == 404
    client.force_login(world.alice)
    assert client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/").status_code == 404
    assert client.get(f"/reports/org/BRA/dashboard/{YEAR}/").status_code == 200


def test_bureau_summary_counts_branches_with_gaps_instead_of_naming_them(world, client):
    _branches(world, 9)  # each held only a February 党员大会; BRA held none
    client.force_login(world.bob)
    paragraphs = client.get(f"/reports/org/BUREAU/summary/{YEAR}/").context["paragraphs"]
    text = "\n".join(p["text"] for p in paragraphs)
    problems = text.split("二、存在的问题及原因")[1].split("三、下一步工作打算")[0]
    assert "2026年有10个支部未按期召开支部党员大会" in problems  # the rule code goes to the 检查提示 (issue 16)
    assert "第3支部" not in problems


def test_officer_drills_down_through_a_sub_organization(world, client):
    school = org_create(
        actor=world.admin, kind="general_branch", name="第二中学党总支", code="SCH2", parent=world.bureau
    )
    inner = org_create(actor=world.admin, kind="branch", name="二中第一支部", code="SCH2-1", parent=school)
    add_person(inner, "二中党员", actor=world.admin, seq=300)
    add_person(inner, "二中党员乙", actor=world.admin, seq=301)
    hold(inner, Kind.GENERAL_MEETING, D(2026, 2, 1), topic="会议")
    client.force_login(world.bob)
    resp = client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/")
    kids = {c["code"]: c for c in resp.context["children"]}
    assert list(kids) == ["SCH2"]  # BRA is a branch row, not a sub-organization
    assert kids["SCH2"]["branches"] == 1 and kids["SCH2"]["members"] == 2 and kids["SCH2"]["meet_held"] == 1
    assert f'href="/reports/org/SCH2/dashboard/{YEAR}/"' in resp.content.decode()
    inside = client.get(f"/reports/org/SCH2/dashboard/{YEAR}/")
    assert [r["code"] for r in inside.context["page"].object_list] == ["SCH2-1"]


def test_rows_are_paged_but_totals_cover_every_branch(world, client, monkeypatch):
    from dangjian.reports import views

    monkeypatch.setattr(views, "DASHBOARD_PAGE", 4)
    _branches(world, 9)  # 10 branches with BRA
    client.force_login(world.bob)
    first = client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/?sort=members&dir=desc")
    assert len(first.context["page"].object_list) == 4 and first.context["totals"]["members"] == 11
    html = first.content.decode()
    assert "page=3&amp;sort=members&amp;dir=desc" in html
    last = client.get(f"/reports/org/BUREAU/dashboard/{YEAR}/?sort=members&dir=desc&page=3")
    codes = [r["code"] for r in last.context["page"].object_list]
    assert len(codes) == 2 and "BRA" not in codes  # BRA (2 members) sorts first, on page 1
