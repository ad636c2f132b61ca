"""The roll as of a date: who was a 党员 of which branch, in which status, on day D — from history.

The expected numbers are worked by hand from the story below (no call to the code under test computes them):

branch A (BRA) and branch B (BRB2, a second branch under the same bureau), secretary alice in A.
- 王芳 (fixture): 正式 since 2011 — in A throughout.
- 丁伟 (fixture): 正式 since 2011 — in A throughout.
- 陈新: 入党 2026-07-10, 预备党员 today — on 2025-12-31 not yet a 党员 (a 发展对象 then).
- 赵离: 正式, 转出 on 2026-09-15 — a 党员 of A on 2025-12-31, gone on 2026-11-22.
- 孙转: 入党 2024-06-01, 转正 2025-06-01 — 预备 on 2025-03-01, 正式 on 2025-12-31.
- 周移: 正式, moved from A to B on 2026-03-01 — in A on 2025-12-31, in B today.
- 吴退: 正式, 在职 → 离退休 on 2026-02-01.

So on 2025-12-31: A has 王芳, 丁伟, 赵离, 孙转, 周移, 吴退 = 6 党员, all 正式, 0 预备, all 6 在职
(吴退 retired only in 2026). B has 0. 陈新 counts under 发展中 in A (1).
Today (2026-11-22): A has 王芳, 丁伟, 陈新 (预备), 孙转, 吴退 = 5 党员 (4 正式 + 1 预备), 4 在职 + 1 离退休;
B has 周移 = 1.
"""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from tests.conftest import add_person

D = datetime.date


@pytest.fixture
def story(world):
    from dangjian.members.services import person_leave, person_update
    from dangjian.orgs.services import org_create

    w = world
    branch_b2 = org_create(actor=w.admin, kind="branch", name="飞龙中学第二支部", code="BRB2", parent=w.bureau)
    add_person(
        w.branch_a,
        "陈新",
        actor=w.admin,
        seq=11,
        status="probationary_member",
        join_date=D(2026, 7, 10),
        confirmation_date=None,
    )
    gone = add_person(w.branch_a, "赵离", actor=w.admin, seq=12)
    person_leave(actor=w.alice, person=gone, reason="transfer_out", on=D(2026, 9, 15))
    add_person(w.branch_a, "孙转", actor=w.admin, seq=13, join_date=D(2024, 6, 1), confirmation_date=D(2025, 6, 1))
    moved = add_person(w.branch_a, "周移", actor=w.admin, seq=14)
    person_update(actor=w.bob, person=moved, org=branch_b2, group=None, effective=D(2026, 3, 1))
    retired = add_person(w.branch_a, "吴退", actor=w.admin, seq=15)
    person_update(actor=w.alice, person=retired, category="retired", effective=D(2026, 2, 1))
    w.branch_b2 = branch_b2
    return w


def test_composition_of_a_past_year_end_is_that_days_roll(story):
    from dangjian.members.stats import composition

    then = composition(story.branch_a, on=D(2025, 12, 31))
    assert (then["total"], then["full_member"], then["probationary_member"]) == (6, 6, 0)
    assert then["employed"] == 6 and then["by_category"]["retired"] == 0
    assert then["in_development"] == 1  # 陈新, a 发展对象 before her admission
    assert composition(story.branch_b2, on=D(2025, 12, 31))["total"] == 0

    now = composition(story.branch_a)
    assert (now["total"], now["full_member"], now["probationary_member"]) == (5, 4, 1)
    assert now["employed"] == 4 and now["by_category"]["retired"] == 1
    assert composition(story.branch_b2)["total"] == 1
    # the bureau holds both branches: 7 people were 党员 on 2025-12-31 in A, 周移 among them → still 6 + 0
    assert composition(story.bureau, on=D(2025, 12, 31))["total"] == 6
    assert composition(story.bureau)["total"] == 6


def test_a_probationary_member_before_confirmation_is_counted_as_probationary(story):
    from dangjian.members.stats import composition

    spring = composition(story.branch_a, on=D(2025, 3, 1))
    # 王芳, 丁伟, 赵离, 周移, 吴退 正式; 孙转 预备 (joined 2024-06-01, confirmed 2025-06-01)
    assert (spring["full_member"], spring["probationary_member"]) == (5, 1)
    assert spring["by_party_age"]["probationary"] == 1


def test_today_composition_agrees_with_the_roster(story):
    """Today's roll read from history equals the people on the roll now: one answer per fact."""
    from dangjian.members.models import MEMBER_STATUSES, Person
    from dangjian.members.stats import composition

    for org in (story.branch_a, story.branch_b2, story.bureau):
        stats = composition(org)
        from dangjian.orgs.selectors import subtree_ids

        on_roll = Person.objects.filter(org_id__in=subtree_ids(org), on_roll=True, status__in=MEMBER_STATUSES)
        assert stats["total"] == on_roll.count(), org.code


def test_cli_and_api_answer_from_history(story, client):
    out = io.StringIO()
    call_command("stats", "--org", "BRA", "--on", "2025-12-31", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["total"], data["probationary_member"]) == (6, 0)
    client.force_login(story.alice)
    resp = client.get("/api/v1/stats/BRA?on=2025-12-31")
    assert resp.status_code == 200 and resp.json()["total"] == 6
    assert client.get("/api/v1/stats/BRA").json()["total"] == 5


def test_restoring_a_mistaken_leave_reopens_the_same_stretch(story):
    from dangjian.members.models import Person
    from dangjian.members.services import person_leave, person_restore
    from dangjian.members.stats import composition

    p = Person.objects.get(name="王芳")
    person_leave(actor=story.alice, person=p, reason="other", on=D(2026, 10, 1))
    assert composition(story.branch_a, on=D(2026, 10, 2))["total"] == 4
    person_restore(actor=story.alice, person=Person.objects.get(pk=p.pk), note="误操作")
    assert composition(story.branch_a, on=D(2026, 10, 2))["total"] == 5
    assert p.roll_spans.count() == 1


def test_a_member_transferred_in_counts_from_the_day_she_arrived(world):
    from dangjian.members.stats import composition

    add_person(world.branch_a, "钱来", actor=world.alice, seq=21, since=D(2026, 5, 1))
    assert composition(world.branch_a, on=D(2026, 4, 30))["total"] == 2
    assert composition(world.branch_a, on=D(2026, 5, 1))["total"] == 3


def test_a_date_after_today_is_refused_everywhere(story, client):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="晚于今天"):
        call_command("stats", "--org", "BRA", "--on", "2026-12-31", stdout=io.StringIO())
    client.force_login(story.alice)
    resp = client.get("/api/v1/stats/BRA?on=2026-12-31")
    assert resp.status_code == 422 and "不能晚于今天" in resp.json()["detail"]
    page = client.get("/orgs/BRA/stats/?on=2026-12-31")
    assert page.status_code == 200 and "晚于今天" in page.content.decode()


def test_the_stats_page_of_a_past_date_counts_that_days_roll_per_branch(story, client):
    client.force_login(story.bob)
    html = client.get("/orgs/BUREAU/stats/?on=2025-12-31").content.decode()
    assert "2025-12-31" in html or "2025年12月31日" in html
    from dangjian.members.stats import composition_by_child

    rows = {r["code"]: r["total"] for r in composition_by_child(story.bureau, on=datetime.date(2025, 12, 31))}
    assert rows == {"BRA": 6, "BRB2": 0}
    rows = {r["code"]: r["total"] for r in composition_by_child(story.bureau)}
    assert rows == {"BRA": 5, "BRB2": 1}
