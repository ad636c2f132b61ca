"""The superior's grid: branches × periods over a subtree, 静默支部, and a fixed query budget."""

import datetime

from django.utils import timezone

from dangjian.meetings.grid import grid
from dangjian.orgs.services import org_create

from .conftest import hold

D = datetime.date


def _row(data, code):
    return next(r for r in data["rows"] if r["code"] == code)


def test_grid_shows_held_and_missing_per_branch_and_month(world, committee):
    other = org_create(actor=world.admin, kind="branch", name="实验小学党支部", code="BRC", parent=world.bureau)
    hold(world.branch_a, "committee_meeting", D(2025, 3, 5))
    hold(world.branch_a, "theme_day", D(2025, 3, 6))
    data = grid(world.bureau, 2025, D(2025, 5, 20), kind="committee_meeting")
    row = _row(data, "BRA")
    assert [c["text"] for c in row["cells"][:5]] == ["✗", "✗", "✓", "✗", "!"]
    assert "BRC" in [r["code"] for r in data["rows"]]
    assert "BRB" not in [r["code"] for r in data["rows"]]  # another bureau's branch
    assert _row(data, "BRC")["cells"][2]["text"] == ""  # no committee → not asked
    assert other.code == "BRC"


def test_grid_by_quarter_aggregates_monthly_kinds(world):
    for m in (1, 2, 3):
        hold(world.branch_a, "theme_day", D(2025, m, 9))
    data = grid(world.bureau, 2025, D(2025, 7, 10), by="quarter", kind="theme_day")
    assert [c["text"] for c in _row(data, "BRA")["cells"]] == ["✓", "✗", "…", ""]


def test_quiet_branch_after_thirty_days_without_any_meeting(world):
    hold(world.branch_a, "theme_day", D(2025, 3, 1))
    assert _row(grid(world.bureau, 2025, D(2025, 3, 31)), "BRA")["quiet"] is False
    late = grid(world.bureau, 2025, D(2025, 4, 2))
    assert _row(late, "BRA")["quiet"] is True and late["quiet_count"] == 1


def test_grid_page_for_bureau_officer_and_404_for_charlie(world, login):
    today = timezone.localdate()
    hold(world.branch_a, "theme_day", today)
    html = login(world.bob).get(f"/meetings/org/BUREAU/grid/{today.year}/?kind=theme_day").content.decode()
    assert "飞龙中学党支部" in html and "✓" in html
    assert login(world.charlie).get(f"/meetings/org/BUREAU/grid/{today.year}/").status_code == 404


def _branches(world, n, start):
    for i in range(start, start + n):
        b = org_create(actor=world.admin, kind="branch", name=f"支部{i}", code=f"B{i}", parent=world.bureau)
        hold(b, "theme_day", D(2025, 2, 1))
        org_create(actor=world.admin, kind="group", name=f"小组{i}", code=f"G{i}", parent=b)


def test_grid_uses_a_bounded_number_of_queries_whatever_the_branch_count(world, django_assert_max_num_queries):
    _branches(world, 3, 0)
    with django_assert_max_num_queries(8):
        small = grid(world.bureau, 2025, D(2025, 6, 1))
    _branches(world, 30, 100)
    with django_assert_max_num_queries(8):
        big = grid(world.bureau, 2025, D(2025, 6, 1))
    assert big["branch_count"] == small["branch_count"] + 30


def test_general_branch_sub_branches_each_count_and_its_calendar_leads_to_the_grid(world, login):
    gb = org_create(actor=world.admin, kind="general_branch", name="第一中学党总支", code="GB1", parent=world.bureau)
    s1 = org_create(actor=world.admin, kind="branch", name="语文组支部", code="GB1-S1", parent=gb)
    org_create(actor=world.admin, kind="branch", name="数学组支部", code="GB1-S2", parent=gb)
    hold(s1, "theme_day", D(2025, 1, 8))
    data = grid(gb, 2025, D(2025, 3, 1), kind="theme_day")
    assert [r["code"] for r in data["rows"]] == ["GB1-S1", "GB1-S2"]
    assert [r["cells"][0]["text"] for r in data["rows"]] == ["✓", "✗"]
    resp = login(world.bob).get("/meetings/org/GB1/calendar/2025/")
    assert resp.status_code == 302 and resp["Location"] == "/meetings/org/GB1/grid/2025/"
