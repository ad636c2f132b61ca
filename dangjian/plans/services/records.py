"""Honours, activities and supervision visits."""

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core.audit import record
from dangjian.lib import uploads

from ..models import Activity, ActivityPerson, ActivityPhoto, Honour, Visit, VisitProblem
from ._common import require_manage, save


def _in_org(org, person, label):
    if person is not None and not person.org.path.startswith(org.path):
        raise ValidationError({label: f"{person.name}不在{org.name}"})


@transaction.atomic
def honour_create(*, actor, org, title, level, awarded_by, awarded_on, person=None, certificate=None) -> Honour:
    require_manage(actor, org)
    _in_org(org, person, "person")
    if certificate:
        certificate = uploads.accept(certificate, field="certificate", keep_name_in_path=True).file
    honour = save(
        Honour(
            org=org,
            person=person,
            title=(title or "").strip(),
            level=level,
            awarded_by=(awarded_by or "").strip(),
            awarded_on=awarded_on,
            certificate=certificate or "",
        )
    )
    record(actor=actor, org=org, kind="plans.honour_create", subject=honour, data={"title": honour.title})
    return honour


@transaction.atomic
def activity_create(
    *, actor, org, kind, title, held_on, people=(), place="", given="", note="", meeting=None, photos=()
) -> Activity:
    """people: [(Person, hours)]. The meeting (if any) must belong to the same org."""
    require_manage(actor, org)
    if meeting is not None and meeting.org_id != org.id:
        raise ValidationError({"meeting": "关联的会议不是本组织的会议"})
    photos = uploads.accept_all(photos, field="photo", images_only=True, keep_name_in_path=True)
    activity = save(
        Activity(
            org=org,
            kind=kind,
            title=(title or "").strip(),
            held_on=held_on,
            place=place,
            given=given,
            note=note,
            meeting=meeting,
        )
    )
    seen = set()
    for i, (person, hours) in enumerate(people, 1):
        _in_org(org, person, "people")
        if person.id in seen:
            raise ValidationError({"people": f"第{i}人 {person.name} 重复"})
        if hours is not None and hours < 0:
            raise ValidationError({"people": f"第{i}人 {person.name} 的时长不能为负数"})
        seen.add(person.id)
        ActivityPerson.objects.create(activity=activity, person=person, hours=hours or 0)
    for f in photos:
        ActivityPhoto.objects.create(activity=activity, file=f.file)
    record(
        actor=actor,
        org=org,
        kind="plans.activity_create",
        subject=activity,
        data={"kind": kind, "title": activity.title, "people": len(seen)},
    )
    return activity


@transaction.atomic
def visit_create(*, actor, org, visited_on, checked, problems=()) -> Visit:
    """problems: [{"text", "owner" (Person|None), "due_date"}]. The visitor is the actor."""
    require_manage(actor, org)
    if org.parent_id is None:
        raise ValidationError({"org": "请选择被调研的下级组织"})
    visit = save(Visit(visitor=actor, org=org, visited_on=visited_on, checked=(checked or "").strip()))
    for i, p in enumerate(problems, 1):
        if not (p.get("text") or "").strip():
            raise ValidationError({"problems": f"第{i}个问题没有填写内容"})
        _in_org(org, p.get("owner"), "problems")
        save(VisitProblem(visit=visit, text=p["text"].strip(), owner=p.get("owner"), due_date=p.get("due_date")))
    record(actor=actor, org=org, kind="plans.visit_create", subject=visit, data={"problems": len(problems)})
    return visit


@transaction.atomic
def visit_problem_resolve(*, actor, problem, resolved_on) -> VisitProblem:
    require_manage(actor, problem.visit.org)
    problem.resolved_on = resolved_on
    save(problem)
    record(
        actor=actor,
        org=problem.visit.org,
        kind="plans.problem_resolve",
        subject=problem,
        data={"resolved_on": str(resolved_on)},
    )
    return problem
