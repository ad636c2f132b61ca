"""The assessment stage and the rubric status on the one status mechanism (core/workflow.py), through the pages
and the API.

The expected moves are written from the process as issue 15 and the assessment design state it: a branch's
assessment goes 支部自评 → 学校审核 (only when a 党总支/党委 stands between the branch and the bureau) → 局党委考核
→ 已完成 as each level submits, and a reviewing level may return it (退回, with a reason) to the level below;
已完成 is final. A rubric goes 草稿 → 已发布, once.
"""

import itertools
import json

import pytest
from django.http import Http404
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian.assessment import services
from dangjian.assessment.models import Assessment, AssessmentLog, Rubric
from dangjian.core import workflow
from dangjian.core.models import AuditEvent, StatusChange

from .conftest import make_rubric

pytestmark = pytest.mark.django_db

# Every move any assessment may make (the school level present or not).
MOVES = {
    "self": {"school", "bureau"},
    "school": {"bureau", "self"},
    "bureau": {"done", "school", "self"},
    "done": set(),
}
# One assessment of a branch directly under the bureau (no school level): up on submit, down on return.
NO_SCHOOL = {"self": {"bureau"}, "bureau": {"done", "self"}, "done": set()}
WITH_SCHOOL = {"self": {"school"}, "school": {"bureau", "self"}, "bureau": {"done", "school"}, "done": set()}
LABELS = {"self": "待支部自评", "school": "待学校审核", "bureau": "待局党委考核", "done": "已完成"}


def test_the_tables_are_the_process():
    assert sum(len(v) for v in MOVES.values()) == 7  # counted by hand from the process above
    wf = workflow.workflow_of(Assessment, "stage")
    assert {k: set(v) for k, v in wf.table.items()} == MOVES
    assert {k: set(v) for k, v in workflow.workflow_of(Rubric).table.items()} == {
        "draft": {"published"},
        "published": set(),
    }


def _page_post(rubric, *, action="submit", points=None):
    items = {i.title: i.pk for i in rubric.items.all()}
    data = {"action": action}
    for title, value in (points or {"阵地建设": "28", "特色活动": "9"}).items():
        data[f"points-{items[title]}"] = value
        data[f"comment-{items[title]}"] = "按标准评分"
    data[f"note-{items['阵地建设']}"] = "党员活动室照片见台账"
    return data


def _offered(page: str, a) -> set[str]:
    """The moves the assessment page offers the user: 提交 (to the level above) and 退回 (to the level below)."""
    out = set()
    up = {"self": "school" if a.school_id else "bureau", "school": "bureau", "bureau": "done"}
    down = {"school": "self", "bureau": "school" if a.school_id else "self"}
    if 'id="submit"' in page:
        out.add(up[a.stage])
    if 'id="return-form"' in page:
        out.add(down[a.stage])
    return out


def _counts(a):
    return (
        AssessmentLog.objects.filter(assessment=a).count(),
        AuditEvent.objects.filter(subject_type="assessment", subject_id=a.pk).count(),
    )


def test_page_and_api_offer_exactly_the_allowed_moves(world, client, rubric, assessment_a):
    a = assessment_a
    for stage, user in (("self", world.alice), ("bureau", world.bob), ("done", world.bob)):
        a.refresh_from_db()
        assert a.stage == stage
        client.force_login(user)
        page = client.get(f"/assessment/a/{a.pk}/").content.decode()
        assert _offered(page, a) == NO_SCHOOL[stage], stage
        api = client.get(f"/api/v1/assessment/assessments/{a.pk}").json()
        assert {n["value"] for n in api["next"]} == NO_SCHOOL[stage]
        assert {n["label"] for n in api["next"]} == {LABELS[s] for s in NO_SCHOOL[stage]}
        if stage != "done":
            client.post(f"/assessment/a/{a.pk}/", _page_post(rubric))


def test_with_a_school_level_the_api_offers_the_school_moves(world, client):
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment
    from dangjian.orgs.services import org_create

    school = org_create(actor=world.admin, kind="general_branch", name="第二中学党总支", code="EZ", parent=world.bureau)
    branch = org_create(actor=world.admin, kind="branch", name="第二中学第一支部", code="EZ-1", parent=school)
    head = User.objects.create_user("ez", "", "pw-ez")
    RoleAssignment.objects.create(user=head, org=school, role="secretary")
    a = make_rubric(world).assessments.get(org=branch)
    client.force_login(world.bob)
    for stage in ("self", "school", "bureau"):
        Assessment.objects.filter(pk=a.pk).update(stage=stage)
        api = client.get(f"/api/v1/assessment/assessments/{a.pk}").json()
        assert {n["value"] for n in api["next"]} == WITH_SCHOOL[stage], stage


def test_a_refused_return_changes_nothing_and_says_why(world, client, rubric, assessment_a):
    a = assessment_a
    client.force_login(world.alice)
    before = _counts(a)
    # Nothing to return at the branch's own level: 422 in Chinese through the API.
    resp = client.post(
        f"/api/v1/assessment/assessments/{a.pk}/return", json.dumps({"reason": "退回"}), content_type="application/json"
    )
    assert resp.status_code == 422 and "“待支部自评”的考核不能退回" in resp.content.decode()
    assert _counts(a) == before
    client.post(f"/assessment/a/{a.pk}/", _page_post(rubric))
    a.refresh_from_db()
    assert a.stage == "bureau"
    before = _counts(a)
    # The bureau's return without a reason (the page's form).
    client.force_login(world.bob)
    resp = client.post(f"/assessment/a/{a.pk}/return/", {"reason": "  "}, follow=True)
    assert "请填写“退回原因”" in resp.content.decode()
    a.refresh_from_db()
    assert a.stage == "bureau" and a.total_self is not None and _counts(a) == before
    # The branch may not return its own submission: 403, nothing written.
    client.force_login(world.alice)
    resp = client.post(
        f"/api/v1/assessment/assessments/{a.pk}/return", json.dumps({"reason": "撤回"}), content_type="application/json"
    )
    assert resp.status_code == 403
    a.refresh_from_db()
    assert a.stage == "bureau" and _counts(a) == before


def test_an_allowed_move_writes_one_log_row_and_one_audit_event(world, client, rubric, assessment_a):
    a = assessment_a
    client.force_login(world.alice)
    before = _counts(a)
    resp = client.post(f"/assessment/a/{a.pk}/", _page_post(rubric))
    assert resp.status_code == 302
    a.refresh_from_db()
    assert a.stage == "bureau" and _counts(a) == (before[0] + 1, before[1] + 1)
    log = AssessmentLog.objects.filter(assessment=a).latest("id")
    # 28 + 9 for the manual items; the automatic ones score 0 (no meetings or dues on record).
    assert (log.action, log.level, log.from_stage, log.to_stage, log.note) == (
        "submit",
        "self",
        "self",
        "bureau",
        "得分 37.0",
    )
    event = AuditEvent.objects.filter(subject_type="assessment", subject_id=a.pk).latest("id")
    assert event.kind == "assessment.submit"
    assert (event.data["from"], event.data["to"], event.data["level"], event.data["total"]) == (
        "self",
        "bureau",
        "self",
        "37.0",
    )
    client.force_login(world.bob)
    client.post(f"/assessment/a/{a.pk}/return/", {"reason": "阵地建设佐证不足"})
    a.refresh_from_db()
    assert a.stage == "self" and a.total_self is None and _counts(a) == (before[0] + 2, before[1] + 2)
    event = AuditEvent.objects.filter(subject_type="assessment", subject_id=a.pk).latest("id")
    assert event.kind == "assessment.return" and event.data["reason"] == "阵地建设佐证不足"


def test_the_service_itself_refuses_an_actor_out_of_scope(world, rubric, assessment_a):
    a = assessment_a
    services.scores_save(
        actor=world.alice,
        assessment=a,
        level="self",
        entries=[{"item": i.pk, "points": "5", "evidence_note": "有"} for i in rubric.items.all() if not i.is_auto],
        submit=True,
    )
    before = _counts(a)
    with pytest.raises(Http404):
        services.assessment_return(actor=world.charlie, assessment=a, reason="越权")
    a.refresh_from_db()
    assert a.stage == "bureau" and _counts(a) == before


def test_publishing_a_rubric_is_one_move(world, client):
    rubric = make_rubric(world, publish=False)
    client.force_login(world.bob)
    assert [n["value"] for n in client.get(f"/api/v1/assessment/rubrics/{rubric.pk}").json()["next"]] == ["published"]

    def counts():
        return (
            StatusChange.objects.filter(subject_type="assessment.rubric", subject_id=rubric.pk).count(),
            AuditEvent.objects.filter(kind="assessment.rubric_publish", subject_id=rubric.pk).count(),
        )

    assert counts() == (0, 0)
    client.post(f"/assessment/rubrics/{rubric.pk}/publish/")
    rubric.refresh_from_db()
    assert rubric.status == "published" and rubric.published_at is not None and counts() == (1, 1)
    resp = client.post(f"/assessment/rubrics/{rubric.pk}/publish/", follow=True)
    assert "该考核细则已发布" in resp.content.decode() and counts() == (1, 1)
    assert client.get(f"/api/v1/assessment/rubrics/{rubric.pk}").json()["next"] == []


def test_charlie_cannot_publish_another_bureaus_rubric(world):
    rubric = make_rubric(world, publish=False)
    with pytest.raises(Http404):
        services.rubric_publish(actor=world.charlie, rubric=rubric)
    rubric.refresh_from_db()
    assert rubric.status == "draft"


_titles = itertools.count(1)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=st.lists(st.sampled_from(["submit", "return"]), min_size=1, max_size=6))
def test_random_submits_and_returns_through_the_pages_follow_the_process(world, requests):
    """The user whose level it is submits or returns, in any order: the stage moves as the process above says
    (no school level here), one log row and one audit event per move, none for a refusal."""
    rubric = make_rubric(world, title=f"考核细则{next(_titles)}")
    a = rubric.assessments.get(org=world.branch_a)
    up, down = {"self": "bureau", "bureau": "done"}, {"bureau": "self"}
    clients = {}
    for name, user in (("self", world.alice), ("bureau", world.bob)):
        clients[name] = Client()
        clients[name].force_login(user)
    expected, moves = "self", 0
    log0, audit0 = _counts(a)
    for req in requests:
        c = clients.get(expected, clients["bureau"])
        if req == "submit":
            c.post(f"/assessment/a/{a.pk}/", _page_post(rubric))
            if expected in up:
                expected, moves = up[expected], moves + 1
        else:
            c.post(f"/assessment/a/{a.pk}/return/", {"reason": "请补充材料"})
            if expected in down:
                expected, moves = down[expected], moves + 1
        a.refresh_from_db()
        assert a.stage == expected
        assert _counts(a) == (log0 + moves, audit0 + moves)
