"""Browser: a member votes on a phone (anonymous ballot); the secretary assesses, closes the cycle, and the
grade counts appear on the cycle page and the results table."""

import datetime

from tests.e2e.conftest import login_as


def _setup(world):
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment
    from dangjian.appraisal import services
    from tests.conftest import add_person

    zhang = add_person(world.branch_a, "张敏", actor=world.admin, seq=4)
    u = User.objects.create_user("zhang", "", "pw-zhang")
    RoleAssignment.objects.create(user=u, org=world.branch_a, role="member")
    zhang.user = u
    zhang.save(update_fields=["user"])
    cycle = services.cycle_open(actor=world.alice, org=world.branch_a, year=datetime.date.today().year)
    for to in ("self_evaluation", "mutual_evaluation", "voting"):
        services.cycle_set_stage(actor=world.alice, cycle=cycle, to=to)
    return cycle


def test_member_votes_on_phone_and_secretary_closes_cycle(world, phone_page, page):
    from dangjian.appraisal.models import VoterReceipt, VoteTally

    cycle = _setup(world)
    ev = {e.person.name: e for e in cycle.evaluations.select_related("person")}

    # dave votes on his phone.
    login_as(phone_page, "dave")
    phone_page.goto(phone_page.base + "/appraisal/me/")
    phone_page.get_by_role("link", name="参加民主测评（无记名投票）").click()
    phone_page.check(f"#g-{ev['王芳'].pk}-excellent")
    phone_page.check(f"#g-{ev['张敏'].pk}-qualified")
    phone_page.get_by_role("button", name="提交投票").click()
    phone_page.get_by_text("投票成功").wait_for()
    assert phone_page.get_by_text("您已完成民主测评投票").is_visible()
    assert VoterReceipt.objects.filter(cycle=cycle).count() == 1
    assert VoteTally.objects.get(evaluation=ev["王芳"], grade="excellent", source="online").count == 1

    # alice ends the vote, grades (the vote's leading grade is preselected), and closes the cycle.
    login_as(page, "alice")
    page.goto(page.base + f"/appraisal/{cycle.pk}/")
    assert page.locator("#voters").inner_text() == "1"
    page.get_by_role("button", name="进入：支部评定").click()
    assert page.locator(f"select[name=grade-{ev['王芳'].pk}]").input_value() == "excellent"
    page.fill(f"input[name=reason-{ev['王芳'].pk}]", "带头作用突出，群众公认")
    page.select_option(f"select[name=grade-{ev['丁伟'].pk}]", "qualified")
    page.get_by_role("button", name="保存评定").click()
    page.get_by_text("已保存3名党员的评定等次").wait_for()
    for stage in ("上级审核", "结果告知", "已结束"):
        page.get_by_role("button", name=f"进入：{stage}").click()
        page.get_by_text("阶段已更新").wait_for()
    counts = page.locator("#grade-counts").inner_text()
    assert "参加 3 人" in counts and "优秀 1" in counts and "合格 2" in counts
    page.get_by_role("link", name="结果统计").click()
    row = page.locator("#results tbody tr").first.inner_text()
    assert "飞龙中学党支部" in row and "已结束" in row

    # dave now sees his own result on the phone.
    phone_page.goto(phone_page.base + "/appraisal/me/")
    assert "合格" in phone_page.locator("#my-grade").inner_text()
