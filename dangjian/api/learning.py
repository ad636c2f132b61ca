"""/api/v1/learning/: study hours per member, study records, tests (quizzes) and answers.
Scoped like the pages (out of scope → 404); writes go through dangjian.learning.services."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, Router, Status

from dangjian.learning import selectors, services
from dangjian.learning.models import StudyKind
from dangjian.lib import clock
from dangjian.members.selectors import person_get
from dangjian.orgs.selectors import org_get

from . import errors
from .types import PositiveId, StrictIn, Year

router = Router(tags=["学习教育 learning"])
errors.register_labels(
    "learning",
    models=["learning.StudyRecord", "learning.Quiz", "learning.Question"],
    extra={"org": "组织代码", "question_id": "题目编号", "active": "启用"},
)


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
    return {
        "id": r.id,
        "person_id": r.person_id,
        "name": r.person.name,
        "date": r.date.isoformat(),
        "kind": r.kind,
        "title": r.title,
        "hours": str(r.hours),
        "has_certificate": bool(r.certificate),
        "voided": r.voided,
    }


@router.get("/hours/{code}/{int:year}", summary="每名党员的年度学时（含出席会议的学时）与要求")
def hours(request, code: str, year: Year, short: bool = False):
    org = org_get(request.user, code=code, manage=True)
    rows = selectors.hours_table(org, year)
    return {
        "org": org.code,
        "year": year,
        "items": [
            {
                "person_id": r["person"].id,
                "name": r["person"].name,
                "role": r["role"],
                "meeting_hours": str(r["meeting_hours"]),
                "record_hours": str(r["record_hours"]),
                "total": str(r["total"]),
                "required": r["required"],
                "short": str(r["short"]),
                "findings": [f.as_dict() for f in r["findings"]],
            }
            for r in rows
            if not short or r["short"] > 0
        ],
    }


@router.get("/records", summary="学习记录（按组织、年度）")
def record_list(request, org: str, year: Year | None = None):
    o = org_get(request.user, code=org, manage=True)
    qs = selectors.records_of_org(request.user, o, year=year)
    return {"items": [_record(r) for r in qs[:1000]]}


@router.post("/records", summary="登记学习记录（外部网络课程须在网页上传证书）", response={201: dict})
def record_create(request, payload: RecordIn):
    person = person_get(request.user, payload.person_id, manage=True)
    rec = services.record_create(
        actor=request.user,
        org=person.org,
        person=person,
        date=payload.date,
        kind=payload.kind,
        title=payload.title,
        hours=payload.hours,
    )
    return Status(201, _record(rec))


@router.get("/quizzes", summary="测试列表")
def quiz_list(request, org: str):
    o = org_get(request.user, code=org, manage=True)
    qs = selectors.quizzes_of(request.user, o)
    return {
        "items": [
            {
                "id": q.id,
                "title": q.title,
                "opens_at": q.opens_at.isoformat(),
                "closes_at": q.closes_at.isoformat(),
                "attempts": q.attempts.count(),
            }
            for q in qs[:200]
        ]
    }


@router.post("/quizzes", summary="发布测试", response={201: dict})
def quiz_create(request, payload: QuizIn):
    o = org_get(request.user, code=payload.org, manage=True)
    questions = selectors.chosen_questions(o, payload.question_ids)
    quiz = services.quiz_create(
        actor=request.user,
        org=o,
        title=payload.title,
        opens_at=payload.opens_at,
        closes_at=payload.closes_at,
        questions=questions,
        pass_score=payload.pass_score,
    )
    return Status(201, {"id": quiz.id, "title": quiz.title})


@router.get("/quizzes/{int:quiz_id}", summary="测试成绩")
def quiz_detail(request, quiz_id: PositiveId):
    quiz = selectors.quiz_get(request.user, quiz_id)
    return {
        "id": quiz.id,
        "title": quiz.title,
        "attempts": [
            {
                "person_id": a.person_id,
                "name": a.person.name,
                "score": a.score,
                "max_score": a.max_score,
                "paper": a.paper,
            }
            for a in selectors.attempts_of(quiz, best_first=False)
        ],
    }


@router.post("/quizzes/{int:quiz_id}/answers", summary="党员本人答题（自动评分）", response={201: dict})
def quiz_answer(request, quiz_id: PositiveId, payload: AnswersIn):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    quiz = selectors.open_quiz_for_member(person, quiz_id, clock.now())
    if quiz is None:
        raise Http404
    attempt = services.quiz_submit(
        actor=request.user, quiz=quiz, answers={str(k): v for k, v in payload.answers.items()}
    )
    return Status(201, {"score": attempt.score, "max_score": attempt.max_score})


# --- The 应知应会 question bank (one per bureau; the page /learning/bank/<code>/) -------------------------------

QuestionKindV = Literal["single", "multiple", "true_false"]


class QuestionIn(StrictIn):
    org: str = Field(description="组织代码：题目加入该组织所属教育局党委的题库")
    kind: QuestionKindV = Field(description="single 单选题；multiple 多选题；true_false 判断题（选项固定为 正确/错误）")
    text: str = Field(min_length=1, max_length=2000, description="题目")
    options: list[Annotated[str, Field(max_length=200)]] = Field([], max_length=10, description="选项（判断题不填）")
    answer: list[Annotated[int, Field(ge=0, le=9)]] = Field(
        min_length=1, max_length=10, description="正确答案：选项序号（从0开始）"
    )
    points: int = Field(10, ge=1, le=100, description="分值")


class QuestionPatch(StrictIn):
    kind: QuestionKindV | None = None
    text: str | None = Field(None, min_length=1, max_length=2000)
    options: list[Annotated[str, Field(max_length=200)]] | None = Field(None, max_length=10)
    answer: list[Annotated[int, Field(ge=0, le=9)]] | None = Field(None, min_length=1, max_length=10)
    points: int | None = Field(None, ge=1, le=100)
    active: bool | None = Field(None, description="false 停用（不再出现在新测试的选题中）")


def _question(q) -> dict:
    return {
        "id": q.id,
        "bureau": q.bureau.code,
        "kind": q.kind,
        "kind_zh": q.get_kind_display(),
        "text": q.text,
        "options": q.options,
        "answer": q.answer,
        "points": q.points,
        "active": q.active,
    }


@router.get("/questions", summary="题库（本组织所属教育局党委的应知应会题目）")
def question_list(request, org: str, active: bool | None = True):
    o = org_get(request.user, code=org, manage=True)
    qs = selectors.bank_questions(o, active=active)
    return {"items": [_question(q) for q in qs[:2000]]}


@router.post("/questions", summary="向题库添加题目", response={201: dict})
def question_create(request, payload: QuestionIn):
    o = org_get(request.user, code=payload.org, manage=True)
    q = services.question_create(
        actor=request.user,
        bureau=o.bureau or o,
        kind=payload.kind,
        text=payload.text,
        options=payload.options,
        answer=payload.answer,
        points=payload.points,
    )
    return Status(201, _question(q))


@router.patch("/questions/{int:question_id}", summary="修改题目或停用（已有人作答的题目不能再改选项和答案）")
def question_update(request, question_id: PositiveId, payload: QuestionPatch):
    q = selectors.bank_question_get(request.user, question_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return _question(services.question_update(actor=request.user, question=q, **fields))
