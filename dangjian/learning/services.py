"""Every write of the learning app; each leaves an AuditEvent in its transaction."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dangjian.core import audit
from dangjian.lib import clock, uploads
from dangjian.members.models import MEMBER_STATUSES
from dangjian.orgs.models import subtree_q
from dangjian.orgs.selectors import subtree_ids

from .models import Question, QuestionKind, Quiz, QuizAttempt, StudyNote, StudyRecord

MAX_CERT = 10 * 1024 * 1024
RECORD_FIELDS = ["person", "date", "kind", "title", "hours", "voided", "void_reason"]
TF_OPTIONS = ["正确", "错误"]


def record_create(
    *, actor, org, person, date: datetime.date, kind: str, title: str, hours, certificate=None
) -> StudyRecord:
    errors = {}
    if person is None or not type(org).objects.filter(subtree_q(org.path), id=person.org_id).exists():
        errors["person"] = "该党员不在本组织"
    try:
        hours = Decimal(str(hours))
    except (InvalidOperation, TypeError):
        errors["hours"] = "学时应为数字"
    else:
        if not Decimal("0") < hours <= Decimal("200"):
            errors["hours"] = "学时应大于0且不超过200"
    if date and date > clock.today():
        errors["date"] = "日期不能晚于今天"
    if kind == "online_course" and not certificate:
        errors["certificate"] = "外部网络课程须上传结业证书或学时证明"
    if certificate is not None and getattr(certificate, "size", 0) > MAX_CERT:
        errors["certificate"] = "文件不能超过10MB"
    if certificate and "certificate" not in errors:
        try:
            certificate = uploads.accept(certificate, keep_name_in_path=True).file
        except ValidationError as exc:
            errors["certificate"] = "；".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rec = StudyRecord(
            person=person,
            org=person.org,
            bureau_id=person.org.bureau_id or person.org_id,
            date=date,
            year=date.year,
            kind=kind,
            title=(title or "").strip(),
            hours=hours,
            entered_by=actor,
        )
        if certificate:
            rec.certificate = certificate
        rec.full_clean()
        rec.save()
        audit.record(
            actor=actor,
            org=rec.org,
            kind="learning.record_create",
            subject=rec,
            data={**audit.snapshot(rec, RECORD_FIELDS), "certificate": rec.certificate.name or ""},
        )
    return rec


def record_void(*, actor, record: StudyRecord, reason: str) -> StudyRecord:
    if not (reason or "").strip():
        raise ValidationError({"reason": "请填写作废原因"})
    with transaction.atomic():
        record.voided, record.void_reason = True, reason.strip()
        record.save(update_fields=["voided", "void_reason"])
        audit.record(actor=actor, org=record.org, kind="learning.record_void", subject=record, data={"reason": reason})
    return record


def question_create(
    *, actor, bureau, kind: str, text: str, options: list[str], answer: list[int], points: int = 1
) -> Question:
    if kind == QuestionKind.TRUE_FALSE:
        options = TF_OPTIONS
    options = [o.strip() for o in options if o and o.strip()]
    answer = sorted({int(a) for a in answer})
    errors = {}
    if not (text or "").strip():
        errors["text"] = "请填写题目"
    if len(options) < 2:
        errors["options"] = "至少需要两个选项"
    if not answer or any(a < 0 or a >= len(options) for a in answer):
        errors["answer"] = "请选择正确答案"
    elif kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and len(answer) != 1:
        errors["answer"] = "单选题和判断题只能有一个正确答案"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        q = Question(
            bureau=bureau, kind=kind, text=text.strip(), options=options, answer=answer, points=points, created_by=actor
        )
        q.full_clean()
        q.save()
        audit.record(actor=actor, org=bureau, kind="learning.question_create", subject=q, data={"text": q.text})
    return q


QUESTION_FIELDS = ["kind", "text", "options", "answer", "points", "active"]


@transaction.atomic
def question_update(*, actor, question: Question, **fields) -> Question:
    """Edit a bank question (text, options, answer, points) or take it out of use (active=False). Once someone
    has answered it, its options and answer stay as they were (the scores were counted with them): correct it
    by taking it out of use and adding a new one."""
    before = audit.snapshot(question, QUESTION_FIELDS)
    q = Question.objects.select_for_update().get(pk=question.pk)
    changes_key = {k for k in ("kind", "options", "answer") if k in fields and fields[k] != getattr(q, k)}
    if changes_key and QuizAttempt.objects.filter(quiz__questions=q).exists():
        raise ValidationError({"answer": "已有党员作答过此题，不能再修改题型、选项和答案；可停用此题后另加新题"})
    kind = fields.get("kind", q.kind)
    options = fields.get("options", q.options)
    if kind == QuestionKind.TRUE_FALSE:
        options = TF_OPTIONS
    options = [o.strip() for o in options if o and o.strip()]
    answer = sorted({int(a) for a in fields.get("answer", q.answer)})
    text = fields.get("text", q.text)
    errors = {}
    if not (text or "").strip():
        errors["text"] = "请填写题目"
    if len(options) < 2:
        errors["options"] = "至少需要两个选项"
    if not answer or any(a < 0 or a >= len(options) for a in answer):
        errors["answer"] = "请选择正确答案（选项序号从0开始，不能超出选项个数）"
    elif kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and len(answer) != 1:
        errors["answer"] = "单选题和判断题只能有一个正确答案"
    if errors:
        raise ValidationError(errors)
    q.kind, q.text, q.options, q.answer = kind, text.strip(), options, answer
    q.points = fields.get("points", q.points)
    q.active = fields.get("active", q.active)
    q.full_clean()
    q.save()
    changes = audit.diff(before, audit.snapshot(q, QUESTION_FIELDS))
    if changes:
        audit.record(actor=actor, org=q.bureau, kind="learning.question_update", subject=q, data={"changes": changes})
    return q


def quiz_create(*, actor, org, title: str, opens_at, closes_at, questions, pass_score: int = 60) -> Quiz:
    questions = list(questions)
    errors = {}
    if not (title or "").strip():
        errors["title"] = "请填写测试名称"
    if closes_at <= opens_at:
        errors["closes_at"] = "截止时间应晚于开始时间"
    if not questions:
        errors["questions"] = "请至少选择一道题"
    elif any(q.bureau_id != (org.bureau_id or org.id) for q in questions):
        errors["questions"] = "只能选择本单位题库中的题目"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        quiz = Quiz(
            org=org,
            title=title.strip(),
            opens_at=opens_at,
            closes_at=closes_at,
            pass_score=pass_score,
            created_by=actor,
        )
        quiz.full_clean()
        quiz.save()
        quiz.questions.set(questions)
        audit.record(
            actor=actor,
            org=org,
            kind="learning.quiz_create",
            subject=quiz,
            data={"title": quiz.title, "questions": [q.id for q in questions]},
        )
    return quiz


def score(quiz: Quiz, answers: dict) -> tuple[int, int]:
    """Auto-score: a question scores its points when the chosen set equals the correct set exactly."""
    got = total = 0
    for q in quiz.questions.all():
        total += q.points
        chosen = answers.get(str(q.id), answers.get(q.id, []))
        chosen = sorted({int(c) for c in (chosen if isinstance(chosen, list) else [chosen])})
        if chosen == sorted(q.answer):
            got += q.points
    return got, total


def _in_quiz_org(quiz, person) -> bool:
    return (
        person.on_roll and person.status in MEMBER_STATUSES and subtree_ids(quiz.org).filter(id=person.org_id).exists()
    )


def quiz_submit(*, actor, quiz: Quiz, answers: dict) -> QuizAttempt:
    person = getattr(actor, "person", None)
    now = clock.now()
    if person is None or not _in_quiz_org(quiz, person):
        raise ValidationError({"quiz": "您不是本次测试的参加人员"})
    if not quiz.opens_at <= now <= quiz.closes_at:
        raise ValidationError({"quiz": "不在测试开放时间内"})
    got, total = score(quiz, answers)
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                quiz=quiz,
                person=person,
                answers={str(k): v for k, v in answers.items()},
                score=got,
                max_score=total,
                entered_by=actor,
            )
            audit.record(
                actor=actor,
                org=quiz.org,
                kind="learning.quiz_submit",
                subject=attempt,
                data={"score": got, "max": total},
            )
    except IntegrityError:
        raise ValidationError({"quiz": "您已经提交过本次测试"}) from None
    return attempt


def paper_score_enter(*, actor, quiz: Quiz, person, score_value: int) -> QuizAttempt:
    total = sum(q.points for q in quiz.questions.all())
    if not _in_quiz_org(quiz, person):
        raise ValidationError({"person": f"{person.name}不是本次测试的参加人员"})
    if not 0 <= int(score_value) <= total:
        raise ValidationError({"score": f"{person.name}：得分应在0—{total}之间"})
    with transaction.atomic():
        attempt, _ = QuizAttempt.objects.update_or_create(
            quiz=quiz,
            person=person,
            defaults={"score": int(score_value), "max_score": total, "paper": True, "entered_by": actor, "answers": {}},
        )
        audit.record(
            actor=actor,
            org=quiz.org,
            kind="learning.paper_score",
            subject=attempt,
            data={"person": person.id, "score": int(score_value)},
        )
    return attempt


def note_submit(*, actor, title: str, body: str) -> StudyNote:
    person = getattr(actor, "person", None)
    if person is None:
        raise ValidationError({"title": "您的账号未关联党员信息"})
    errors = {}
    if not (title or "").strip():
        errors["title"] = "请填写题目"
    if len((body or "").strip()) < 10:
        errors["body"] = "心得内容不少于10个字"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        note = StudyNote.objects.create(person=person, org=person.org, title=title.strip(), body=body.strip())
        audit.record(actor=actor, org=person.org, kind="learning.note_submit", subject=note, data={"title": note.title})
    return note


def note_mark_read(*, actor, note: StudyNote, comment: str = "") -> StudyNote:
    with transaction.atomic():
        note.read_by, note.read_at, note.comment = actor, clock.now(), (comment or "").strip()[:200]
        note.save(update_fields=["read_by", "read_at", "comment"])
        audit.record(actor=actor, org=note.org, kind="learning.note_read", subject=note, data={"comment": note.comment})
    return note
