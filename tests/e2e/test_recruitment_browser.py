"""A secretary takes one development case from application to confirmation through the pages;
listing the candidate a day early shows the rule's message and changes nothing."""

import datetime

from playwright.sync_api import expect

from tests.e2e.conftest import login_as

D = datetime.date


def _record(page, url, code, day, fields=None):
    page.goto(f"{url}?step={code}")
    form = page.locator("#step-form")
    form.locator("#id_date").fill(day)
    for name, value in (fields or {}).items():
        if isinstance(value, list):
            for v in value:
                form.locator(f"input[name={name}][value='{v}']").check()
        elif form.locator(f"select#id_{name}").count():
            form.locator(f"#id_{name}").select_option(value)
        else:
            form.locator(f"#id_{name}").fill(str(value))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")


def test_secretary_takes_case_from_application_to_confirmation(page, world):
    from dangjian.recruitment.models import CaseStep
    from tests.conftest import add_person
    from tests.recruitment.conftest import ten_voters

    ten_voters(world)  # the votes below (E = 9) need that many 正式党员 on the roll (DEV-14)
    person = add_person(
        world.branch_a, "陈晓", seq=80, birth=D(1996, 2, 3), status="applicant", join_date=None, confirmation_date=None
    )
    both = [str(world.person_a.pk), str(world.person_dave.pk)]
    login_as(page, "alice")
    page.goto(page.base + "/recruitment/")
    expect(page.locator("h1")).to_contain_text("飞龙中学党支部 · 发展党员")
    page.goto(page.base + f"/recruitment/new/?person={person.pk}")
    page.fill("#id_opened_on", "2023-09-01")
    page.click("button[type=submit]")
    expect(page.locator("#next-step")).to_contain_text("党组织派人谈话")
    url = page.url.split("?")[0]

    before_listing = [
        ("application_talk", "2023-09-20", {"talker": "张书记"}),
        ("activist_selected", "2023-10-10", {"recommendation": "member", "committee": "同意确定为入党积极分子"}),
        ("activist_filed", "2023-10-15", {}),
        ("mentors_assigned", "2023-10-15", {"mentors": both}),
        ("activist_review", "2024-04-01", {"group": "表现良好", "thought_reports": 2}),
        ("activist_review", "2024-10-01", {"group": "表现良好", "thought_reports": 2}),
    ]
    for code, day, fields in before_listing:
        _record(page, url, code, day, fields)
        expect(page.locator(".alert-success")).to_contain_text("已登记")
    expect(page.locator("#case-stage")).to_contain_text("入党积极分子")

    # One day early: the rule's message, and nothing changes.
    count = CaseStep.objects.filter(case__person=person).count()
    _record(page, url, "candidate_selected", "2024-10-09", {"committee": "同意"})
    errors = page.locator("#step-form .alert-danger")
    expect(errors).to_contain_text("一年以上培养教育和考察")
    expect(errors).to_contain_text("DEV-07")
    expect(errors).to_contain_text("2024-10-10")
    assert CaseStep.objects.filter(case__person=person).count() == count
    person.refresh_from_db()
    assert person.status == "activist"
    expect(page.locator("#timeline")).not_to_contain_text("确定发展对象")

    rest = [
        (
            "candidate_selected",
            "2024-10-10",
            {"group": "同意", "mentor": "同意", "masses": "无不同意见", "committee": "同意"},
        ),
        ("candidate_filed", "2024-10-15", {}),
        ("sponsors_assigned", "2024-10-20", {"sponsors": both}),
        ("political_review", "2024-11-01", {"conclusion": "qualified"}),
        ("training", "2024-11-10", {"days": 3, "hours": 24, "training_certificate": "PX-2024-08"}),
        ("committee_review", "2024-11-20", {}),
        ("pre_review", "2024-12-01", {}),
        ("volunteer_form", "2024-12-05", {"volunteer_form_no": "ZS-2024-001"}),
        ("branch_meeting", "2025-01-10", {"expected": 9, "present": 7, "yes": 7, "written_yes": 1}),
        ("approval_talk", "2025-01-20", {"talker": "组织员李老师"}),
        ("approval", "2025-02-20", {"approver_kind": "committee"}),
        ("approval_filed", "2025-02-25", {}),
        ("group_assignment", "2025-02-26", {"group": "第一党小组"}),
        ("oath", "2025-03-01", {}),
        ("probation_review", "2025-07-01", {"group": "表现良好"}),
        ("conversion_application", "2026-01-10", {}),
        ("conversion_meeting", "2026-01-12", {"expected": 9, "present": 8, "yes": 8, "outcome": "convert"}),
        ("conversion_approval", "2026-02-20", {}),
    ]
    for code, day, fields in rest:
        _record(page, url, code, day, fields)
        expect(page.locator(".alert-success")).to_contain_text("已登记")
    expect(page.locator("#case-stage")).to_contain_text("正式党员")
    expect(page.locator("#timeline")).to_contain_text("转正时间：2026-01-10")
    person.refresh_from_db()
    assert person.status == "full_member"
    assert person.join_date == D(2025, 1, 10) and person.confirmation_date == D(2026, 1, 10)
    page.goto(page.base + f"/people/{person.pk}/")
    expect(page.locator("#person-record")).to_contain_text("2026-01-10")
