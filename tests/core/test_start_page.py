"""The start page per role, and the 转正 to-do of 预备党员 (DEV-19) it leads with.

Expected values: to-do counts come from the to-do centre's own page for the same user; the 三会一课 figures
are worked by hand from LIFE-01/03 (党员大会 each quarter, 党小组会 each month) for 2026-11-22; the dues
figure from FEE-02 (1.5% of a 7,650 yuan base = 114.75 a month); the probation end from DEV-19 (one
year after the 支部党员大会 that admitted the member, which is the 入党时间)."""

import datetime
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.members.models import Person
from tests.conftest import add_person

D = datetime.date


def text(html):
    """What a reader sees, without tags and without spaces (the layout's spacing is not the content)."""
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def main(html):
    return html[html.index("<main") : html.index("</main>")]


def start_counts(client):
    html = client.get("/").content.decode()
    total = int(re.search(r'id="todo-total">(\d+)<', html).group(1))
    overdue = int(re.search(r'id="todo-overdue">(\d+)<', html).group(1))
    return total, overdue, html


def todo_items(client):
    return client.get("/todo/").context["items"]


def links(html):
    return [h for h in re.findall(r'href="([^"#]+)"', main(html))]


def assert_links_open(client, html):
    hrefs = links(html)
    assert hrefs
    for href in hrefs:
        r = client.get(href, follow=True)
        assert r.status_code == 200, href


def probationary(org, name, joined, seq):
    return add_person(org, name, seq=seq, status="probationary_member", join_date=joined, confirmation_date=None)


def _setup_branch_year(world):
    """Branch A's 2026: 党员大会 in Q1 and Q2 only; a quarter's dues of 王芳; 32 学时 for 王芳."""
    from dangjian.dues import services as dues
    from dangjian.learning import services as learning
    from tests.meetings.conftest import hold

    hold(world.branch_a, "general_meeting", D(2026, 2, 10), actor=world.alice)
    hold(world.branch_a, "general_meeting", D(2026, 5, 12), actor=world.alice)
    dues.base_set(actor=world.alice, person=world.person_a, effective_month="2026-01", category="employed", base="7650")
    for m in ("2026-01", "2026-02", "2026-03"):
        dues.charges_generate(actor=world.alice, org=world.branch_a, month=m)
    dues.payment_record(
        actor=world.alice, person=world.person_a, paid_on=D(2026, 4, 10), months=["2026-01", "2026-02", "2026-03"]
    )
    learning.record_create(
        actor=world.alice,
        org=world.branch_a,
        person=world.person_a,
        date=D(2026, 6, 1),
        kind="central_study",
        title="党的二十大精神专题学习",
        hours=Decimal("32"),
    )


def test_secretary_start_page_counts_progress_and_actions(world, client):
    _setup_branch_year(world)
    probationary(world.branch_a, "王晓二", D(2025, 2, 28), 30)
    client.force_login(world.alice)
    total, overdue, html = start_counts(client)
    items = todo_items(client)
    assert (total, overdue) == (len(items), sum(1 for i in items if i["overdue"]))
    assert overdue >= 1  # 王晓二's conversion, due 2026-02-28
    page = text(main(html))
    # LIFE-01: four quarters; Q1 and Q2 held, Q3 ended without one, Q4 still open on 2026-11-22.
    assert "党员大会（每季度）：已开2/4期，缺1期" in page
    # LIFE-03 (the branch has a 党小组): twelve months, none held, January–October ended.
    assert "党小组会（每月）：已开0/12期，缺10期" in page
    assert "今年已收344.25元" in page
    assert "学时达标1/3人" in page  # 王芳 32 of 32; 丁伟 and 王晓二 none
    for label, href in (
        ("登记会议", "/meetings/org/BRA/new/"),
        ("登记交费", "/dues/org/BRA/pay/"),
        ("花名册", "/orgs/BRA/roster/"),
        ("发展党员", "/recruitment/org/BRA/"),
    ):
        assert f'href="{href}">{label}</a>' in html
    assert "工作看板" not in page  # the bureau's actions are not hers
    assert_links_open(client, html)


def test_bureau_officer_start_page_counts_subtree_and_links_to_the_dashboard(world, client):
    probationary(world.branch_a, "王晓二", D(2025, 2, 28), 30)
    client.force_login(world.bob)
    total, overdue, html = start_counts(client)
    items = todo_items(client)
    assert (total, overdue) == (len(items), sum(1 for i in items if i["overdue"]))
    page = text(main(html))
    assert "下辖党支部1个，党员3名" in page  # 飞龙中学党支部: 王芳, 丁伟, 王晓二 (李强 is in another bureau)
    for label, href in (
        ("工作看板", "/reports/org/BUREAU/dashboard/2026/"),
        ("党内统计", "/reports/org/BUREAU/statistics/2026.xlsx"),
        ("待办", "/todo/"),
        ("考核", "/assessment/"),
    ):
        assert f'href="{href}">{label}</a>' in html
    assert_links_open(client, html)


def test_other_branch_secretary_sees_nothing_of_branch_a(world, client):
    probationary(world.branch_a, "王晓二", D(2025, 2, 28), 30)
    client.force_login(world.charlie)
    total, _, html = start_counts(client)
    assert total == len(todo_items(client))
    assert "飞龙中学" not in html and "王晓二" not in html and "/orgs/BRA/" not in html
    assert 'href="/orgs/BRB/roster/">花名册</a>' in html


def test_secretary_page_does_not_grow_with_the_rest_of_the_city(world, client):
    from dangjian.orgs.services import org_create

    client.force_login(world.alice)
    client.get("/")
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    for i in range(6):
        b = org_create(actor=world.admin, kind="branch", name=f"第{i}小学党支部", code=f"S{i:02d}", parent=world.bureau)
        add_person(b, f"党员S{i}", seq=50 + i)
        probationary(b, f"预备S{i}", D(2025, 3, 1), 70 + i)
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert len(after.captured_queries) == len(before.captured_queries)


def test_member_starts_on_own_page_with_dues_notices_and_study_hours(world, client):
    from dangjian.plans import services as plans

    plans.member_notice_send(actor=world.alice, org=world.branch_a, title="关于开展主题党日活动的通知")
    client.force_login(world.dave)
    r = client.get("/", follow=True)
    assert r.redirect_chain[-1][0] == "/me/"
    html = r.content.decode()
    block = text(html[html.index('id="member-start"') : html.index("</section>", html.index('id="member-start"'))])
    assert "未读通知1条" in block and "2026年学时0.0/32" in block
    for href in ("/dues/me/", "/plans/me/", "/learning/me/"):
        assert f'href="{href}"' in html
        assert client.get(href).status_code == 200
    receipt = world.person_dave.notice_receipts.get()
    client.get(f"/plans/me/{receipt.pk}/")
    assert "未读通知0条" in text(client.get("/me/").content.decode())


# ---- 转正 due / overdue for 预备党员 (DEV-19) --------------------------------------------------------


def conversion_items(client, name):
    return [i for i in todo_items(client) if i["title_zh"].startswith(f"{name}：") and "讨论转正" in i["title_zh"]]


def _edit_post(client, person, **changes):
    form = client.get(f"/people/{person.pk}/edit/").context["form"]
    data = {}
    for name, field in form.fields.items():
        value = changes.get(name, form.initial.get(name))
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else (value.isoformat() if isinstance(value, datetime.date) else value)
    return client.post(f"/people/{person.pk}/edit/", data)


def test_overdue_conversion_appears_names_the_branch_and_goes_once_converted(world, client):
    wang = probationary(world.branch_a, "王晓二", D(2025, 2, 28), 30)
    client.force_login(world.alice)
    [item] = conversion_items(client, "王晓二")
    assert item["due_date"] == D(2026, 2, 28) and item["overdue"] and item["rule_id"] == "DEV-19"
    assert item["url"] == f"/people/{wang.pk}/"  # no development case: the person page, where it is recorded
    html = client.get("/todo/").content.decode()
    assert "王晓二：预备期满，及时讨论转正" in html and "〔飞龙中学党支部〕" in html
    assert "王晓二：预备期满，及时讨论转正" in client.get("/").content.decode()
    client.force_login(world.bob)
    assert "〔飞龙中学党支部〕" in client.get("/todo/").content.decode()

    client.force_login(world.alice)
    r = _edit_post(client, wang, status="full_member", confirmation_date=D(2026, 2, 28))
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    assert Person.objects.get(pk=wang.pk).status == "full_member"
    assert conversion_items(client, "王晓二") == []


def test_conversion_due_soon_is_listed_and_a_later_one_is_not_yet(world, client):
    probationary(world.branch_a, "陈预备", D(2025, 12, 10), 31)  # probation ends 2026-12-10, in 18 days
    probationary(world.branch_a, "周新", D(2026, 1, 5), 32)  # ends 2027-01-05, beyond the 30-day horizon
    client.force_login(world.alice)
    [item] = conversion_items(client, "陈预备")
    assert item["due_date"] == D(2026, 12, 10) and not item["overdue"]
    assert conversion_items(client, "周新") == []


def test_case_tracked_probation_links_to_the_case_once_and_goes_when_the_meeting_is_recorded(world, client):
    from dangjian.recruitment import services
    from tests.recruitment.conftest import advance, applicant, path_2014

    person = applicant(world.branch_a, "赵敏", 40)
    case = services.case_open(actor=world.alice, person=person, opened_on=D(2023, 9, 1))
    advance(case, world.alice, path_2014(world), until="probation_review")  # 支部大会 2025-01-10
    client.force_login(world.alice)
    [item] = conversion_items(client, "赵敏")  # one line, not one from the case and one from the roster
    assert item["url"] == f"/recruitment/cases/{case.pk}/" and item["due_date"] == D(2026, 1, 10)
    r = client.post(
        f"/recruitment/cases/{case.pk}/",
        {
            "code": "conversion_meeting",
            "date": "2026-01-12",
            "expected": 9,
            "present": 8,
            "yes": 8,
            "outcome": "convert",
        },
    )
    assert r.status_code == 302
    assert conversion_items(client, "赵敏") == []


def test_many_branches_fold_into_one_line_that_names_each_branch(world, client):
    from dangjian.orgs.services import org_create

    for i in range(10):
        b = org_create(actor=world.admin, kind="branch", name=f"第{i}中学党支部", code=f"M{i:02d}", parent=world.bureau)
        probationary(b, f"预备{i}号", D(2025, 2, 28), 100 + i)
    client.force_login(world.bob)
    r = client.get("/todo/")
    [group] = [t for t in r.context["items"] if t.get("children") and "转正" in t["title_zh"]]
    assert group["title_zh"] == "预备期满，及时讨论转正（共10项，涉及10个组织）"
    html = r.content.decode()
    for i in range(10):
        assert f"预备{i}号（第{i}中学党支部）" in html
