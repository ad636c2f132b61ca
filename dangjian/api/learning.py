"""/api/v1/learning/: study hours per member, study records, tests (quizzes) and answers.
Scoped like the pages (out of scope → 404); writes go through dangjian.learning.services."""
import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Field, Router, Status

from dangjian.learning import selectors, services
from dangjian.learning.models import Question, StudyKind
from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get

from . import errors
from dangjian.lib import clock
from .types import PositiveId, StrictIn, Year

router = Router(tags=["学习教育 learning"])
errors.register_labels("learning", models=["learning.StudyRecord", "learning.Quiz"], extra={"org": "组织代码"})


class RecordIn(StrictIn):
    person_id: PositiveId
    date: datetime.date
    kind: str = Field(description="、".join(f"{k.value}={k.label}" for k in StudyKind))
    title: str = Field(min_length=1, max_length=200)
    hours: Decimal


class QuizIn(StrictIn):
    org: str
    title: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    question_ids: list[int]
    pass_score: int = Field(60, ge=0, le=100)


class AnswersIn(StrictIn):
    answers: dict[int, list[int]] = Field(description="题目编号 → 所选选项序号（从0开始）")


def _record(r) -> dict:
    return {"id": r.id, "person_id": r.person_id, "name": r.person.name, "date": r.date.isoformat(), "kind": r.kind,
            "title": r.title, "hours": str(r.hours), "has_certificate": bool(r.certificate), "voided": r.voided}


@router.get("/hours/{code}/{int:year}", summary="每名党员的年度学时（含出席会议的学时）与要求")
def hours(request, code: str, year: Year, short: bool = False):
    org = org_get(request.user, code=code, manage=True)
    rows = selectors.hours_table(org, year)
    return {"org": org.code, "year": year, "items": [
        {"person_id": r["person"].id, "name": r["person"].name, "role": r["role"], "meeting_hours": str(r["meeting_hours"]),
         "record_hours": str(r["record_hours"]), "total": str(r["total"]), "required": r["required"],
         "short": str(r["short"]), "findings": [f.as_dict() for f in r["findings"]]}
        for r in rows if not short or r["short"] > 0]}


@router.get("/records", summary="学习记录（按组织、年度）")
def record_list(request, org: str, year: Year | None = None):
    o = org_get(request.user, code=org, manage=True)
    qs = selectors.records_visible(request.user).filter(org_id__in=selectors.subtree_ids(o)).select_related("person")
    if year:
        qs = qs.filter(year=year)
    return {"items": [_record(r) for r in qs[:1000]]}


@router.post("/records", summary="登记学习记录（外部网络课程须在网页上传证书）", response={201: dict})
def record_create(request, payload: RecordIn):
    person = person_get(request.user, payload.person_id, manage=True)
    rec = services.record_create(actor=request.user, org=person.org, person=person, date=payload.date, kind=payload.kind,
                                 title=payload.title, hours=payload.hours)
    return Status(201, _record(rec))


@router.get("/quizzes", summary="测试列表")
def quiz_list(request, org: str):
    o = org_get(request.user, code=org, manage=True)
    qs = selectors.quizzes_visible(request.user).filter(org_id__in=selectors.subtree_ids(o))
    return {"items": [{"id": q.id, "title": q.title, "opens_at": q.opens_at.isoformat(), "closes_at": q.closes_at.isoformat(),
                       "attempts": q.attempts.count()} for q in qs[:200]]}


@router.post("/quizzes", summary="发布测试", response={201: dict})
def quiz_create(request, payload: QuizIn):
    o = org_get(request.user, code=payload.org, manage=True)
    questions = Question.objects.filter(pk__in=payload.question_ids, bureau_id=o.bureau_id or o.id)
    quiz = services.quiz_create(actor=request.user, org=o, title=payload.title, opens_at=payload.opens_at,
                                closes_at=payload.closes_at, questions=questions, pass_score=payload.pass_score)
    return Status(201, {"id": quiz.id, "title": quiz.title})


@router.get("/quizzes/{int:quiz_id}", summary="测试成绩")
def quiz_detail(request, quiz_id: PositiveId):
    quiz = selectors.quiz_get(request.user, quiz_id)
    return {"id": quiz.id, "title": quiz.title, "attempts": [
        {"person_id": a.person_id, "name": a.person.name, "score": a.score, "max_score": a.max_score, "paper": a.paper}
        for a in quiz.attempts.select_related("person")]}


@router.post("/quizzes/{int:quiz_id}/answers", summary="党员本人答题（自动评分）", response={201: dict})
def quiz_answer(request, quiz_id: PositiveId, payload: AnswersIn):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    quiz = selectors.my_quizzes(person, clock.now()).filter(pk=quiz_id).first()
    if quiz is None:
        raise Http404
    attempt = services.quiz_submit(actor=request.user, quiz=quiz, answers={str(k): v for k, v in payload.answers.items()})
    return Status(201, {"score": attempt.score, "max_score": attempt.max_score})
