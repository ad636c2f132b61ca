"""Reads of study hours and learning records, scoped by visible_org_ids (out of scope → 404).

Hours per member per year = StudyRecord hours + 学时 of meetings attended (present) that year, summed in
two GROUP BY queries for a whole subtree.
"""

from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import Http404

from dangjian.accounts.scope import visible_org_ids
from dangjian.core.paging import PER_PAGE
from dangjian.meetings.models import Attendance, AttendanceStatus
from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.models import CommitteeMember
from dangjian.orgs.selectors import subtree_ids
from dangjian.rules.learning import check_study_hours, required_hours

from .models import Question, Quiz, StudyKind, StudyNote, StudyRecord

ZERO = Decimal("0.0")
TENTH = Decimal("0.1")


def _people(org_ids):
    return Person.objects.filter(org_id__in=org_ids, on_roll=True, status__in=MEMBER_STATUSES)


def meeting_hours(person_ids, year: int) -> dict[int, Decimal]:
    rows = (
        Attendance.objects.filter(
            person_id__in=person_ids,
            status=AttendanceStatus.PRESENT,
            meeting__voided=False,
            meeting__year=year,
            meeting__study_hours__gt=0,
        )
        .values("person_id")
        .annotate(h=Sum("meeting__study_hours"))
        .order_by()
    )
    return {r["person_id"]: Decimal(r["h"] or 0).quantize(TENTH) for r in rows}


def record_hours(person_ids, year: int) -> dict[int, Decimal]:
    rows = (
        StudyRecord.objects.filter(person_id__in=person_ids, year=year, voided=False)
        .values("person_id")
        .annotate(h=Sum("hours"))
        .order_by()
    )
    return {r["person_id"]: Decimal(r["h"] or 0).quantize(TENTH) for r in rows}


def study_hours_by_person(org, year: int) -> dict[int, Decimal]:
    """person id → 学时 in ``year`` for every on-roll member of ``org``'s subtree (0 when none)."""
    ids = _people(subtree_ids(org)).values("id")
    meet, rec = meeting_hours(ids, year), record_hours(ids, year)
    return {pid: meet.get(pid, ZERO) + rec.get(pid, ZERO) for pid in ids.values_list("id", flat=True)}


def cadre_ids(org_ids) -> set[int]:
    """Members of a current committee of an org in ``org_ids`` (书记 and 班子成员, EDU-02)."""
    return set(
        CommitteeMember.objects.filter(term__org_id__in=org_ids, term__ended_on__isnull=True).values_list(
            "person_id", flat=True
        )
    )


def trained_ids(person_ids, year: int) -> set[int]:
    """Who attended a centralised training in ``year`` (a training record or a 培训 meeting)."""
    a = set(
        StudyRecord.objects.filter(
            person_id__in=person_ids, year=year, voided=False, kind=StudyKind.TRAINING
        ).values_list("person_id", flat=True)
    )
    b = set(
        Attendance.objects.filter(
            person_id__in=person_ids,
            status=AttendanceStatus.PRESENT,
            meeting__voided=False,
            meeting__year=year,
            meeting__kind="training",
        ).values_list("person_id", flat=True)
    )
    return a | b


HOURS_ORDER = ("org__path", "stroke_key", "id")


def _hours_row(p, role, meet, rec, trained, year, settings) -> dict:
    total = meet.get(p.id, ZERO) + rec.get(p.id, ZERO)
    need = required_hours(role, settings)
    findings = check_study_hours(
        total, role, had_central_training=p.id in trained, year=year, settings=settings, subject=p.name
    )
    return {
        "person": p,
        "role": role,
        "meeting_hours": meet.get(p.id, ZERO),
        "record_hours": rec.get(p.id, ZERO),
        "total": total,
        "required": need,
        "short": max(Decimal(need) - total, ZERO),
        "findings": findings,
    }


def hours_table(org, year: int, settings=None) -> list[dict]:
    """Per member of the subtree: hours, requirement (32 / 56), shortfall and the EDU findings."""
    from dangjian.appraisal.settings import org_settings

    settings = settings or org_settings(org)
    org_ids = subtree_ids(org)
    people = list(_people(org_ids).select_related("org").order_by(*HOURS_ORDER))
    ids = [p.id for p in people]
    meet, rec = meeting_hours(ids, year), record_hours(ids, year)
    cadres, trained = cadre_ids(org_ids), trained_ids(ids, year)
    return [_hours_row(p, "cadre" if p.id in cadres else "member", meet, rec, trained, year, settings) for p in people]


def hours_page(org, year: int, page_number, *, short_only: bool = False, settings=None, per_page=PER_PAGE) -> dict:
    """One page of hours_table (only the members short of hours with ``short_only``), with "n" (members) and
    "n_short" (members short of hours) of the whole subtree: the hours of everyone come from the two GROUP BY
    queries, but people, training and findings are read for the page's rows only (a city: 3.8 s → well under 1 s).
    """
    from dangjian.appraisal.settings import org_settings

    settings = settings or org_settings(org)
    org_ids = subtree_ids(org)
    people = _people(org_ids)
    ids = list(people.order_by(*HOURS_ORDER).values_list("id", flat=True))
    meet, rec = meeting_hours(people.values("id"), year), record_hours(people.values("id"), year)
    cadres = cadre_ids(org_ids)
    need = {role: Decimal(required_hours(role, settings)) for role in ("cadre", "member")}
    short = [
        pid for pid in ids if meet.get(pid, ZERO) + rec.get(pid, ZERO) < need["cadre" if pid in cadres else "member"]
    ]
    page = Paginator(short if short_only else ids, per_page).get_page(page_number)
    page_ids = list(page.object_list)
    by_id = Person.objects.select_related("org").in_bulk(page_ids)
    trained = trained_ids(page_ids, year)
    page.object_list = [
        _hours_row(by_id[pid], "cadre" if pid in cadres else "member", meet, rec, trained, year, settings)
        for pid in page_ids
    ]
    return {"rows": page, "n": len(ids), "n_short": len(short)}


def records_visible(user):
    return StudyRecord.objects.filter(org_id__in=visible_org_ids(user, manage=True))


def record_get(user, pk) -> StudyRecord:
    rec = records_visible(user).select_related("person", "org").filter(pk=pk).first()
    if rec is None:
        raise Http404("记录不存在或无权查看")
    return rec


def quizzes_visible(user, *, manage: bool = True):
    return Quiz.objects.filter(org_id__in=visible_org_ids(user, manage=manage))


def quiz_get(user, pk, *, manage: bool = True) -> Quiz:
    quiz = quizzes_visible(user, manage=manage).select_related("org").filter(pk=pk).first()
    if quiz is None:
        raise Http404("测试不存在或无权查看")
    return quiz


def notes_visible(user):
    return StudyNote.objects.filter(org_id__in=visible_org_ids(user, manage=True))


def note_get(user, pk) -> StudyNote:
    note = notes_visible(user).select_related("person").filter(pk=pk).first()
    if note is None:
        raise Http404("心得不存在或无权查看")
    return note


def my_quizzes(person, now):
    """Open tests assigned to the member's branch (or an org above it)."""
    ancestors = [int(x) for x in person.org.path.strip("/").split("/") if x]
    return (
        Quiz.objects.filter(org_id__in=ancestors, opens_at__lte=now, closes_at__gte=now)
        .filter(~Q(attempts__person=person))
        .distinct()
    )


# ---------------------------------------------------------------- what the pages and the API list


def study_people(org):
    """The members on the roll of the org's subtree who owe study hours, in 姓氏笔画 order."""
    return _people(subtree_ids(org)).order_by("stroke_key", "id")


def study_person(org, pk):
    """One of study_people(org) (None when the id is not one of them)."""
    return study_people(org).filter(pk=pk).first()


def records_of(person, year: int):
    """The person's study records of the year, newest first."""
    return StudyRecord.objects.filter(person=person, year=year).order_by("-date")


def meetings_counted(person, year: int):
    """The person's attendances of the year that count study hours (present, meeting not voided), newest first."""
    return (
        Attendance.objects.filter(
            person=person,
            status=AttendanceStatus.PRESENT,
            meeting__voided=False,
            meeting__year=year,
            meeting__study_hours__gt=0,
        )
        .select_related("meeting")
        .order_by("-meeting__held_on")
    )


def notes_of_person(person, limit: int = 10):
    """The person's latest 学习心得 (their own page shows a few)."""
    return StudyNote.objects.filter(person=person)[:limit]


def notes_of(user, org, limit: int = 200):
    """学习心得 of the org's subtree that the user manages, with the writer."""
    return notes_visible(user).filter(org_id__in=subtree_ids(org)).select_related("person")[:limit]


def records_of_org(user, org, *, year: int | None = None):
    """Study records of the org's subtree that the user manages (of one year when given), with the person."""
    qs = records_visible(user).filter(org_id__in=subtree_ids(org)).select_related("person")
    return qs.filter(year=year) if year else qs


def quizzes_of(user, org):
    """Tests of the org's subtree that the user manages."""
    return quizzes_visible(user).filter(org_id__in=subtree_ids(org))


def bank_questions(org, *, active: bool | None = True):
    """The question bank the org uses (its bureau's, or its own when it is a bureau), with the bureau."""
    qs = Question.objects.filter(bureau_id=org.bureau_id or org.id).select_related("bureau")
    return qs if active is None else qs.filter(active=active)


def attempts_of(quiz, *, best_first: bool = True):
    """A test's attempts with the person (best score first, or as stored for the API)."""
    qs = quiz.attempts.select_related("person")
    return qs.order_by("-score") if best_first else qs


def chosen_questions(org, ids, *, active: bool | None = None):
    """The questions with these ids from the org's bank (others are ignored)."""
    return bank_questions(org, active=active).filter(pk__in=ids)


def bank_ids(user):
    """Bureaus whose bank the user may edit: the bureau of every org they manage (as the page allows)."""
    from dangjian.orgs.models import Org

    managed = visible_org_ids(user, manage=True)
    return Org.objects.filter(
        Q(id__in=managed, bureau__isnull=True) | Q(id__in=Org.objects.filter(id__in=managed).values("bureau_id"))
    ).values("id")


def bank_question_get(user, pk) -> Question:
    q = Question.objects.filter(pk=pk, bureau_id__in=bank_ids(user)).select_related("bureau").first()
    if q is None:
        raise Http404("题目不存在或无权查看")
    return q


def open_quiz_for_member(person, pk, now):
    """One of the member's open, not yet answered tests (None otherwise)."""
    return my_quizzes(person, now).filter(pk=pk).first()


def quiz_for_member(person, pk):
    """A test set for the member's branch or an org above it (None otherwise)."""
    ancestors = [int(x) for x in person.org.path.strip("/").split("/") if x]
    return Quiz.objects.filter(pk=pk, org_id__in=ancestors).first()
