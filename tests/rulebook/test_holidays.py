"""The admin-edited holiday table overrides chinese_calendar and ends the 「暂定」 mark once a year is complete."""

import datetime

from dangjian.core.models import AuditEvent
from dangjian.rulebook.models import HolidayDay, HolidayYear
from dangjian.rules import workdays
from dangjian.rules.recruitment import publicity_end

D = datetime.date


def enter(client, year, lines, complete=False):
    data = {"lines": lines}
    if complete:
        data["complete"] = "1"
    return client.post(f"/rules/holidays/{year}/", data)


def test_entered_holiday_moves_nth_workday_and_provisional_ends_when_year_complete(world, login):
    client = login(world.admin)
    # 2031 is unknown to chinese_calendar: weekends only, provisional.
    assert workdays.nth_workday(D(2031, 6, 2), 5) == (D(2031, 6, 6), True)
    r = enter(client, 2031, "2031-06-02~2031-06-03 休 端午节")
    assert r.status_code == 302
    assert workdays.nth_workday(D(2031, 6, 2), 5) == (D(2031, 6, 10), True)
    r = client.post("/rules/holidays/2031/mark/", {"complete": "1"})
    assert r.status_code == 302
    assert workdays.nth_workday(D(2031, 6, 2), 5) == (D(2031, 6, 10), False)
    assert publicity_end(D(2031, 6, 2)).provisional is False


def test_adjusted_weekend_workday_counts(world, login):
    client = login(world.admin)  # the shared national table: the administrator enters it (issue 18)
    enter(client, 2031, "2031-06-07 班 调休上班", complete=True)  # a Saturday
    assert workdays.nth_workday(D(2031, 6, 2), 6) == (D(2031, 6, 7), False)


def test_override_beats_the_package_for_a_known_year(world, login):
    client = login(world.admin)
    assert workdays.is_workday(D(2026, 6, 3))
    enter(client, 2026, "2026-06-03 休 本地更正")
    assert not workdays.is_workday(D(2026, 6, 3))
    client.post("/rules/holidays/2026/remove/", {"date": "2026-06-03"})
    assert workdays.is_workday(D(2026, 6, 3))
    kinds = list(AuditEvent.objects.filter(subject_type="holidayday").values_list("kind", flat=True))
    assert sorted(kinds) == ["holiday.create", "holiday.remove"]


def test_bad_line_names_the_row_and_changes_nothing(world, login):
    client = login(world.admin)
    r = enter(client, 2031, "2031-01-01 休 元旦\n2031-02-30 休 错日期\n2032-01-01 休 跨年")
    body = r.content.decode()
    assert r.status_code == 200
    assert "第2行：日期「2031-02-30」无效" in body
    assert "第3行：日期不在2031年" in body
    assert HolidayDay.objects.count() == 0


def test_page_lists_package_days_and_unknown_year_message(world, login):
    client = login(world.alice)
    body = client.get("/rules/holidays/2026/").content.decode()
    assert "国庆节" in body and "已内置" in body
    body = client.get("/rules/holidays/2031/").content.decode()
    assert "该年度法定节假日安排尚未录入" in body
    assert 'id="holiday-form"' not in body  # secretaries read only


def test_secretary_cannot_enter_holidays(world, login):
    client = login(world.alice)
    assert enter(client, 2031, "2031-01-01 休 元旦").status_code == 403
    assert client.post("/rules/holidays/2031/mark/", {"complete": "1"}).status_code == 403
    assert not HolidayDay.objects.exists() and not HolidayYear.objects.exists()


def test_table_is_loaded_once_and_reloaded_after_a_change(world, django_assert_num_queries):
    """nth_workday scans many days: the DB table answers from memory (one load = 2 selects in a savepoint)."""
    from dangjian.rulebook.services import holiday_days_enter

    with django_assert_num_queries(4):
        workdays.nth_workday(D(2031, 1, 1), 200)
        workdays.nth_workday(D(2031, 3, 1), 20)
    holiday_days_enter(actor=world.admin, rows=[(D(2031, 3, 3), False, "测试")])
    with django_assert_num_queries(4):
        assert workdays.nth_workday(D(2031, 3, 3), 1).date == D(2031, 3, 4)


def test_missing_holiday_table_falls_back_without_breaking_the_transaction(world):
    """Before the rulebook migration runs (empty database), working days still compute: weekends only."""
    from django.db import connection, transaction

    from dangjian.orgs.models import Org

    with connection.cursor() as cursor:  # rolled back with the test's transaction (SQLite DDL is transactional)
        cursor.execute("ALTER TABLE rulebook_holidayday RENAME TO rulebook_holidayday_away")
    with transaction.atomic():
        assert workdays.nth_workday(D(2031, 6, 2), 5) == (D(2031, 6, 6), True)
        assert Org.objects.filter(code="BUREAU").exists()  # the caller's transaction is still usable


def test_pure_code_without_database_access_still_gets_weekend_answers():
    """No db fixture here: pytest-django blocks queries, as a worker without a database would fail them."""
    assert workdays.nth_workday(D(2031, 6, 2), 5) == (D(2031, 6, 6), True)
    assert workdays.nth_workday(D(2026, 9, 25), 5) == (D(2026, 10, 9), False)  # the package still applies
