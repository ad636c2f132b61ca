"""Members' participation per year, study hours, and the 党章第九条 six-month flag (never removes anyone)."""

import datetime

from django.utils import timezone

from dangjian.meetings.participation import lapse_findings, lapsed_people
from dangjian.meetings.services import attendance_set
from dangjian.members.models import Person
from dangjian.rules.periods import add_months, month_start

from .conftest import hold, records_began

D = datetime.date


def _monthly(world, first: D, months: int, dave_status, **kw):
    """A theme day each month; 王芳 always present, 丁伟 as dave_status(i) says."""
    for i in range(months):
        day = add_months(first, i)
        m = hold(world.branch_a, "theme_day", day, **kw)
        status = dave_status(i)
        attendance_set(
            actor=None,
            meeting=m,
            rows=[
                {"person_id": world.person_a.pk, "status": "present"},
                {"person_id": world.person_dave.pk, "status": status, "reason": "出差" if status == "leave" else ""},
            ],
        )


def test_six_consecutive_months_without_org_life_raises_con06(world):
    records_began(D(2024, 9, 1))
    _monthly(world, D(2025, 1, 10), 8, lambda i: "present" if i < 2 else "absent")
    people = list(Person.objects.filter(org=world.branch_a))
    found = lapse_findings(people, D(2025, 9, 10))
    assert set(found) == {world.person_dave.pk}
    f = found[world.person_dave.pk]
    assert f.rule_id == "CON-06" and "已连续6个月未参加党的组织生活" in f.message_zh
    assert [p.pk for p in lapsed_people([world.branch_a.pk], D(2025, 9, 10))] == [world.person_dave.pk]
    # five months is not yet six
    assert lapse_findings(people, D(2025, 8, 10)) == {}
    assert list(lapsed_people([world.branch_a.pk], D(2025, 8, 10))) == []


def test_leave_with_a_reason_counts_as_taking_part(world):
    records_began(D(2024, 9, 1))
    _monthly(world, D(2025, 1, 10), 8, lambda i: "present" if i < 2 else "leave")
    people = list(Person.objects.filter(org=world.branch_a))
    assert lapse_findings(people, D(2025, 9, 10)) == {}
    assert list(lapsed_people([world.branch_a.pk], D(2025, 9, 10))) == []


def test_no_flag_before_six_months_of_records_exist(world):
    # The branch started recording in March: Mar–Aug is six months, Jan–Feb had no records at all.
    records_began(D(2024, 9, 1))
    _monthly(world, D(2025, 3, 10), 6, lambda i: "absent")
    people = list(Person.objects.filter(org=world.branch_a))
    assert set(lapse_findings(people, D(2025, 9, 10))) == {world.person_dave.pk}
    assert lapse_findings(people, D(2025, 8, 10)) == {}
    assert list(lapsed_people([world.branch_a.pk], D(2025, 8, 10))) == []


def test_participation_page_counts_attended_vs_expected_and_shows_the_flag(world, login):
    first = add_months(month_start(timezone.localdate()), -7)
    records_began(add_months(first, -1))
    _monthly(world, first, 7, lambda i: "present" if i == 0 else "absent", study_hours=2)
    year = timezone.localdate().year
    html = login(world.alice).get(f"/meetings/org/BRA/participation/{year}/").content.decode()
    assert "丁伟：已连续6个月未参加党的组织生活" in html and "CON-06" in html
    assert "系统只作提示，不会自动处理任何党员" in html
    assert Person.objects.get(pk=world.person_dave.pk).on_roll  # nobody is removed
    in_year = sum(1 for i in range(7) if add_months(first, i).year == year)
    row = html.split('data-person="王芳"')[1].split("</tr>")[0]
    assert f"<td>{in_year}</td><td>{in_year}</td><td>0</td><td>0</td><td>100%</td>" in row
    assert f"{2 * in_year}.0 / 32" in row or f"{2 * in_year} / 32" in row


def test_talks_are_counted_per_member_and_missing_ones_listed_life09(world, login):
    from dangjian.meetings.participation import study_hours_by_person

    today = timezone.localdate()
    hold(
        world.branch_a,
        "heart_to_heart_talk",
        today,
        host=world.person_a,
        participants=[world.person_dave],
        study_hours=1,
    )
    html = login(world.alice).get(f"/meetings/org/BRA/participation/{today.year}/").content.decode()
    assert "以下党员尚无谈心谈话记录" not in html
    from tests.conftest import add_person

    add_person(world.branch_a, "钱新", actor=world.admin, seq=7)
    html = login(world.alice).get(f"/meetings/org/BRA/participation/{today.year}/").content.decode()
    assert "年度以下党员尚无谈心谈话记录：钱新" in html and "LIFE-09" in html
    assert study_hours_by_person([world.person_dave.pk], today.year) == {world.person_dave.pk: 1}
