"""The appraisal workflow through the secretary's pages: opening, stage transitions, grades (EVAL-01)."""

import datetime

from dangjian.appraisal.models import AppraisalCycle, Evaluation, StageChange
from dangjian.rulebook.models import BureauSetting

from .conftest import TO_VOTING, evals, go, open_cycle


def test_open_creates_one_evaluation_per_member_and_once_per_year(client, branch):
    cycle = open_cycle(client, branch)
    assert sorted(evals(cycle)) == sorted(["王芳", "丁伟", "张敏"])
    assert cycle.grades_scheme == 4 and cycle.stage == "preparation"
    resp = client.post("/appraisal/org/BRA/open/", {"year": cycle.year})
    assert "年度的民主评议已经建立" in resp.content.decode()
    assert AppraisalCycle.objects.count() == 1


def test_stage_cannot_skip_and_can_step_back(client, branch):
    cycle = open_cycle(client, branch)
    resp = client.post(f"/appraisal/{cycle.pk}/stage/", {"to": "voting"}, follow=True)
    assert "不能从“学习准备”转到“民主测评”" in resp.content.decode()
    cycle.refresh_from_db()
    assert cycle.stage == "preparation"
    go(client, cycle, "self_evaluation", "preparation", "self_evaluation")
    assert cycle.stage == "self_evaluation"
    log = list(StageChange.objects.filter(cycle=cycle).values_list("from_stage", "to_stage"))
    assert log == [
        ("preparation", "self_evaluation"),
        ("self_evaluation", "preparation"),
        ("preparation", "self_evaluation"),
    ]


def test_review_needs_every_member_graded_and_grades_need_reasons(client, branch):
    cycle = go(client, open_cycle(client, branch), *TO_VOTING, "assessment")
    e = evals(cycle)
    resp = client.post(f"/appraisal/{cycle.pk}/stage/", {"to": "review"}, follow=True)
    assert "尚未评定等次" in resp.content.decode()
    # 优秀 without a reason is refused and nothing is saved.
    resp = client.post(
        f"/appraisal/{cycle.pk}/assess/",
        {
            f"grade-{e['王芳'].pk}": "excellent",
            f"grade-{e['丁伟'].pk}": "qualified",
            f"grade-{e['张敏'].pk}": "qualified",
        },
        follow=True,
    )
    assert "王芳：评为优秀须填写评定理由" in resp.content.decode()
    assert not Evaluation.objects.filter(cycle=cycle).exclude(grade="").exists()
    resp = client.post(
        f"/appraisal/{cycle.pk}/assess/",
        {
            f"grade-{e['王芳'].pk}": "excellent",
            f"reason-{e['王芳'].pk}": "带头示范，成绩突出",
            f"grade-{e['丁伟'].pk}": "qualified",
            f"grade-{e['张敏'].pk}": "qualified",
        },
        follow=True,
    )
    assert "已保存3名党员的评定等次" in resp.content.decode()
    go(client, cycle, "review", "notified")
    assert cycle.stage == "notified"
    assert all(ev.told_on == datetime.date.today() for ev in cycle.evaluations.all())
    go(client, cycle, "closed")
    assert cycle.stage == "closed" and cycle.closed_at is not None


def test_votes_inform_but_a_different_grade_needs_a_reason(client, branch):
    from dangjian.appraisal.models import VoteTally

    cycle = go(client, open_cycle(client, branch), *TO_VOTING)
    e = evals(cycle)
    VoteTally.objects.filter(evaluation=e["张敏"], grade="excellent", source="online").update(count=2)
    go(client, cycle, "assessment")
    page = client.get(f"/appraisal/{cycle.pk}/").content.decode()
    assert '<option value="excellent" selected>' in page  # the vote's leading grade is suggested
    resp = client.post(f"/appraisal/{cycle.pk}/assess/", {f"grade-{e['张敏'].pk}": "qualified"}, follow=True)
    assert "张敏：评定等次与测评得票最多的等次不同，须填写理由" in resp.content.decode()
    client.post(
        f"/appraisal/{cycle.pk}/assess/",
        {f"grade-{e['张敏'].pk}": "qualified", f"reason-{e['张敏'].pk}": "工作量不足，综合评定为合格"},
    )
    e["张敏"].refresh_from_db()
    assert e["张敏"].grade == "qualified" and e["张敏"].reason.startswith("工作量不足")


def test_grade_scheme_three_has_no_basically_qualified(client, branch):
    BureauSetting.objects.create(bureau=branch.bureau, values={"appraisal_grades": 3})
    cycle = go(client, open_cycle(client, branch), *TO_VOTING, "assessment")
    assert cycle.grades_scheme == 3
    page = client.get(f"/appraisal/{cycle.pk}/").content.decode()
    assert "基本合格" not in page
    e = evals(cycle)
    resp = client.post(
        f"/appraisal/{cycle.pk}/assess/",
        {f"grade-{e['丁伟'].pk}": "basically_qualified", f"reason-{e['丁伟'].pk}": "x"},
        follow=True,
    )
    assert "评议等次“basically_qualified”无效，应为：优秀、合格、不合格" in resp.content.decode()


def test_grade_scheme_four_rejects_unknown_grade(client, branch):
    import pytest
    from django.core.exceptions import ValidationError

    from dangjian.appraisal import services

    cycle = go(client, open_cycle(client, branch), *TO_VOTING, "assessment")
    ev = evals(cycle)["丁伟"]
    with pytest.raises(ValidationError) as exc:
        services.grades_set(
            actor=branch.alice, cycle=cycle, rows=[{"evaluation_id": ev.pk, "grade": "良好", "reason": "x"}]
        )
    assert "评议等次“良好”无效，应为：优秀、合格、基本合格、不合格" in str(exc.value)
    services.grades_set(
        actor=branch.alice, cycle=cycle, rows=[{"evaluation_id": ev.pk, "grade": "基本合格", "reason": "学习不够"}]
    )
    ev.refresh_from_db()
    assert ev.grade == "basically_qualified"


def test_self_evaluation_by_member_on_phone_page_and_by_secretary(client, branch):
    cycle = go(client, open_cycle(client, branch), "self_evaluation")
    e = evals(cycle)
    client.force_login(branch.dave)
    resp = client.post(
        "/appraisal/me/", {"evaluation": e["丁伟"].pk, "text": "一年来认真学习，按时交纳党费。"}, follow=True
    )
    assert "个人自评已提交" in resp.content.decode()
    client.force_login(branch.alice)
    client.post(f"/appraisal/evaluation/{e['张敏'].pk}/", {"what": "self", "self-text": "书记代录的自评"})
    e = evals(cycle)
    assert e["丁伟"].self_text.startswith("一年来") and e["丁伟"].self_entered_by == branch.dave
    assert e["张敏"].self_text == "书记代录的自评" and e["张敏"].self_entered_by == branch.alice


def test_cycle_is_opened_by_a_branch_not_the_bureau(client, branch):
    client.force_login(branch.bob)
    resp = client.post("/appraisal/org/BUREAU/open/", {"year": 2026})
    assert "民主评议以支部（或党总支）为单位开展" in resp.content.decode()
    assert not AppraisalCycle.objects.exists()
