"""Long lists come 50 a page (issue 20): a branch of 54 members, none of whom paid February–July.

Expected values come from the construction: 54 people, all six months unpaid, 50 on the first page and 4 on the
second; the counts, the totals, the downloads and the to-do calendar keep all 54.
"""

import datetime
import io
import re

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from tests.conftest import add_person

from .helpers import generate, set_base

pytestmark = pytest.mark.django_db
MONTHS = [f"2026-0{m}" for m in range(2, 8)]
EXTRA = 52  # with 王芳 and 丁伟 of the world: 54 members


@pytest.fixture
def big_branch(world):
    names = [f"党员{i:02d}" for i in range(EXTRA)]
    for i, name in enumerate(names):
        add_person(world.branch_a, name, actor=world.admin, seq=10 + i)
    for p in world.branch_a.people.all():
        set_base(world, p)
    generate(world, *MONTHS)
    world.all_names = {"王芳", "丁伟", *names}
    return world


def people_on(html: str) -> list[str]:
    return re.findall(r'data-person="([^"]+)"', html)


def test_the_arrears_list_comes_in_pages_of_fifty_and_together_they_are_everyone(big_branch, login):
    c = login(big_branch.alice)
    first = c.get("/dues/org/BRA/arrears/").content.decode()
    second = c.get("/dues/org/BRA/arrears/?page=2").content.decode()
    assert len(people_on(first)) == 50 and len(people_on(second)) == 4
    assert set(people_on(first)) | set(people_on(second)) == big_branch.all_names
    assert not set(people_on(first)) & set(people_on(second))
    assert '欠交党费的党员共 <strong id="arrears-total">54</strong> 人' in first
    assert "第 1 / 2 页" in first and 'href="?page=2"' in first
    assert "第 2 / 2 页" in second and 'href="?page=1"' in second
    # A page number past the end or not a number gives the last or the first page, never an error.
    assert people_on(c.get("/dues/org/BRA/arrears/?page=99").content.decode()) == people_on(second)
    assert people_on(c.get("/dues/org/BRA/arrears/?page=abc").content.decode()) == people_on(first)


def test_the_month_table_pages_its_rows_but_counts_and_the_download_keep_everyone(big_branch, login):
    c = login(big_branch.alice)
    first = c.get("/dues/org/BRA/?month=2026-07").content.decode()
    assert len(people_on(first)) == 50
    assert '未交 <strong id="unpaid-count">54</strong> 人' in first
    # Everyone has the same base, so the month's total charged is one member's amount times 54.
    per_person = re.search(
        r'<td class="text-end text-nowrap">(¥[\d,.]+)</td>\s*<td class="text-end text-nowrap paid">', first
    )
    assert per_person
    amount = float(per_person.group(1)[1:].replace(",", ""))
    total = re.search(r'id="total-charged">¥([\d,.]+)<', first).group(1)
    assert float(total.replace(",", "")) == pytest.approx(amount * 54)
    # The pager keeps the month.
    assert 'href="?month=2026-07&amp;page=2"' in first
    second = c.get("/dues/org/BRA/?month=2026-07&page=2").content.decode()
    assert set(people_on(first)) | set(people_on(second)) == big_branch.all_names
    xlsx = c.get("/dues/org/BRA/reports/monthly.xlsx?month=2026-07")
    assert xlsx.status_code == 200
    cells = {str(v) for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True) for v in row}
    assert big_branch.all_names <= cells


def test_the_bases_and_payment_sheets_show_fifty_a_page(big_branch, login):
    c = login(big_branch.alice)
    bases = [c.get(f"/dues/org/BRA/bases/?page={n}").content.decode() for n in (1, 2)]
    assert [len(people_on(b)) for b in bases] == [50, 4]
    assert set(people_on(bases[0])) | set(people_on(bases[1])) == big_branch.all_names
    sheet = c.get("/dues/org/BRA/pay/?month=2026-07").content.decode()
    assert len(set(re.findall(r'name="p(\d+)-amount"', sheet))) == 50
    assert "翻页前请先保存本页的交费记录" in sheet and 'href="?month=2026-07&amp;page=2"' in sheet


@pytest.mark.today("2026-08-03")
def test_the_to_do_page_pages_its_lines_and_the_calendar_feed_keeps_them_all(big_branch, login):
    c = login(big_branch.alice)
    first = c.get("/todo/").content.decode()
    second = c.get("/todo/?page=2").content.decode()
    lines = re.compile(r"已连续6个月未交纳党费")
    # 54 members with six unpaid months: one FEE-12 line each, in the secretary's own branch (not folded).
    assert len(lines.findall(first)) + len(lines.findall(second)) == 54
    assert first.count('class="list-group-item list-group-item-action') == 50
    assert "第 1 / 2 页" in first
    c.post("/todo/calendar-token/")
    feed_url = re.search(r"/public/ics/[^<\s]+\.ics", c.get("/todo/").content.decode()).group(0)
    events = Calendar.from_ical(c.get(feed_url).content).walk("VEVENT")
    assert sum(1 for e in events if lines.search(str(e["summary"]))) == 54


def test_a_role_given_between_two_requests_counts_on_the_next_one(world, login):
    """The scope is remembered within one GET only: a new role opens the other branch on the next request."""
    from dangjian.accounts.models import RoleAssignment

    c = login(world.alice)
    assert c.get("/orgs/BRB/roster/").status_code == 404
    RoleAssignment.objects.create(user=world.alice, org=world.branch_b, role="secretary")
    assert c.get("/orgs/BRB/roster/").status_code == 200


def test_one_page_asks_for_the_users_roles_once(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = login(world.alice)
    c.get("/todo/")
    with CaptureQueriesContext(connection) as ctx:
        assert c.get("/todo/").status_code == 200
    role_paths = [
        q for q in ctx.captured_queries if '"org__path"' in q["sql"] and "accounts_roleassignment" in q["sql"]
    ]
    assert len(role_paths) == 1, [q["sql"][:120] for q in role_paths]


def test_every_payment_is_reachable_fifty_a_page(big_branch, login):
    from .helpers import pay

    for p in big_branch.branch_a.people.all():
        pay(big_branch, p, ["2026-02"], paid_on=datetime.date(2026, 3, 10))
    c = login(big_branch.alice)
    pages = [c.get(f"/dues/org/BRA/payments/?page={n}").content.decode() for n in (1, 2)]
    rows = [re.findall(r'href="/dues/payment/(\d+)/reverse/"', page) for page in pages]
    assert [len(r) for r in rows] == [50, 4] and not set(rows[0]) & set(rows[1])
