"""The roll's facts for an org's subtree and a year, as of a day — the members side of the reports seam.

Plain numbers, dates and names (no prose). People are counted as of the year's end: 12-31, or today while the
year runs (STAT-01), from the roll's history (roll.py), never from today's on_roll/status.
"""

import dataclasses
import datetime
from collections import defaultdict

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, Value, When

from dangjian.lib import clock

from . import roll
from .models import MEMBER_STATUSES, LeaveReason, Person, RollSpan


def year_end(year: int) -> datetime.date:
    """The day a year's figures are taken (STAT-01): 12-31, or today for the running year."""
    return min(datetime.date(year, 12, 31), clock.today())


def members_on(sub, on: datetime.date):
    """RollSpan rows (one per person) of the 党员 on the subtree's roll on day `on`."""
    return roll.spans_on(sub, on).filter(roll.member_q(on, "person__"))


def first_record(sub) -> tuple[datetime.date | None, bool]:
    """(the earliest day anyone stood on the subtree's roll, whether some stood there "since unknown" — a roll
    imported without dates, so the org is older than its records)."""
    spans = RollSpan.objects.filter(org_id__in=sub)
    day = spans.filter(start__isnull=False).order_by("start").values_list("start", flat=True).first()
    return day, spans.filter(start__isnull=True).exists()


def composition(org, year: int) -> dict:
    """The structure of the subtree's roll at the year's end (members/stats.composition) and its day."""
    from .stats import composition as stats_composition

    on = year_end(year)
    return {"on": on, "stats": stats_composition(org, on=on)}


def departures(sub, year: int) -> dict[str, int]:
    """党员减少 in `year` by reason: 党员 whose stretch on the subtree's roll ended in the year without going on
    inside the subtree. One GROUP BY."""
    moved_on = RollSpan.objects.filter(person=OuterRef("person"), start=OuterRef("end"))
    rows = (
        RollSpan.objects.filter(org_id__in=sub, end__year=year, person__status__in=MEMBER_STATUSES)
        .filter(Q(person__join_date__isnull=True) | Q(person__join_date__lt=F("end")))
        .exclude(Exists(moved_on.filter(org_id__in=sub)))
        .annotate(
            reason=Case(
                When(Exists(moved_on), then=Value(LeaveReason.TRANSFER_OUT.value)),
                default=F("person__left_reason"),
                output_field=CharField(),
            )
        )
        .order_by()
        .values_list("reason")
        .annotate(n=Count("person", distinct=True))
    )
    return dict(rows)


# ---------------------------------------------------------------- the year-end return's people (党内统计)
# Named people with the fields the 名单 sheets print, and the exact rises and falls of a roll over a year
# (reports/partystats reads only these; see its facts module for the counting rules).
INCREASE = ["发展", "转入", "恢复党籍", "其他增加"]
DECREASE = ["死亡", "出党", "停止党籍", "转出", "其他减少"]
LEAVE_KIND = {
    "deceased": "死亡",
    "expelled": "出党",
    "suspended": "停止党籍",
    "transfer_out": "转出",
    "other": "其他减少",
    "": "其他减少",
}

PERSON_FIELDS = [
    "id",
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "education",
    "degree",
    "category",
    "post",
    "professional_title",
    "join_date",
    "confirmation_date",
    "status",
    "left_reason",
    "left_on",
    "left_note",
]


@dataclasses.dataclass
class Member:
    id: int
    name: str
    org_id: int
    gender: str
    ethnicity: str
    birth_date: datetime.date | None
    education: str
    degree: str
    category: str
    post: str
    professional_title: str
    join_date: datetime.date | None
    status_on: str


@dataclasses.dataclass
class Move:
    person_id: int
    name: str
    org_id: int  # the org of the stretch (which roll the person came onto or left)
    kind: str  # one of INCREASE or DECREASE
    day: datetime.date
    note: str = ""


def roll_members(org, on: datetime.date) -> list[Member]:
    """The 党员 on the org subtree's roll on day `on`, with the org of their roll that day."""
    rows = (
        roll.spans_on(org, on)
        .filter(roll.member_q(on, "person__"))
        .annotate(st=roll.status_on(on, "person__"))
        .values_list(
            "org_id",
            "st",
            *[
                f"person__{f}"
                for f in PERSON_FIELDS
                if f not in ("status", "confirmation_date", "left_reason", "left_on", "left_note")
            ],
        )
    )
    out = []
    for org_id, st, pid, name, gender, eth, birth, edu, degree, cat, post, title, join in rows:
        out.append(
            Member(
                pid,
                name,
                org_id,
                gender,
                eth or "",
                birth,
                edu or "",
                degree or "",
                cat or "",
                post or "",
                title or "",
                join,
                st,
            )
        )
    out.sort(key=lambda m: (m.org_id, m.name))
    return out


def _leave_reasons(person_ids) -> dict[tuple[int, str], str]:
    """(person id, left_on ISO) -> leaving reason, from the audit of leaves (kept when a restore cleared it).
    `person_ids`: a subquery (a bureau's people may be more than SQLite takes as parameters)."""
    from dangjian.core.models import AuditEvent

    out = {}
    for pid, data in AuditEvent.objects.filter(
        subject_type="person", subject_id__in=person_ids, kind="person.leave"
    ).values_list("subject_id", "data"):
        ch = (data or {}).get("changes", {})
        on = (ch.get("left_on") or [None, None])[1]
        reason = (ch.get("left_reason") or [None, None])[1]
        if on and reason:
            out[(pid, on)] = reason
    return out


class RollHistory:
    """Every roll span of the people who ever stood on the subtree's roll, loaded once (a bounded number of
    queries), then read per row org in Python. ``moves(ids, year)``: the year's rises and falls (named)."""

    def __init__(self, org):
        from dangjian.orgs.models import Org, subtree_q

        sub = Org.objects.filter(subtree_q(org.path)).values("id")
        ids = RollSpan.objects.filter(org_id__in=sub).values("person_id")
        self.people = {p["id"]: p for p in Person.objects.filter(id__in=ids).values(*PERSON_FIELDS)}
        self.spans: dict[int, list[tuple]] = defaultdict(list)
        self.by_org: dict[int, set[int]] = defaultdict(set)  # org id -> people with a span there
        for pid, org_id, start, end in RollSpan.objects.filter(person_id__in=ids).values_list(
            "person_id", "org_id", "start", "end"
        ):
            self.spans[pid].append((start, end, org_id))
            self.by_org[org_id].add(pid)
        lo = datetime.date.min
        for pid in self.spans:
            self.spans[pid].sort(key=lambda s: (s[0] or lo, s[1] or datetime.date.max))
        self.reasons = _leave_reasons(RollSpan.objects.filter(org_id__in=sub, end__isnull=False).values("person_id"))

    def _reason(self, p: dict, day: datetime.date) -> str:
        if p["left_on"] == day and p["left_reason"]:
            return p["left_reason"]
        return self.reasons.get((p["id"], day.isoformat()), "")

    def moves(self, ids: set[int], year: int) -> list[Move]:
        """Rises and falls of 党员 on the roll of the orgs `ids` in `year` (exact: see reports/partystats)."""
        d0, d1 = datetime.date(year - 1, 12, 31), datetime.date(year, 12, 31)
        out = []
        touched = set().union(*(self.by_org.get(i, ()) for i in ids))
        for pid in touched:
            spans = self.spans[pid]
            p = self.people[pid]
            if p["status"] not in MEMBER_STATUSES:
                continue
            j = p["join_date"]
            stretches = []
            for start, end, org_id in spans:
                if org_id not in ids:
                    continue
                if stretches and stretches[-1][1] is not None and stretches[-1][1] == start:
                    stretches[-1][1] = end
                else:
                    stretches.append([start, end, org_id])
            for a, b, org_id in stretches:
                r = a if j is None or (a is not None and a >= j) else j
                if r is not None and b is not None and r >= b:
                    continue
                if r is not None and d0 < r <= d1:
                    out.append(Move(pid, p["name"], org_id, self._rise_kind(p, spans, ids, a, r), r))
                if b is not None and d0 < b <= d1:
                    kind, note = self._fall_kind(p, spans, ids, b)
                    out.append(Move(pid, p["name"], org_id, kind, b, note))
        out.sort(key=lambda m: (m.day, m.name))
        return out

    def _rise_kind(self, p, spans, ids, a, r) -> str:
        if a is None or r > a:
            return "发展"
        before = [s for s in spans if s[1] is not None and s[1] <= a]
        if any(s[1] == a and s[2] not in ids for s in before):
            return "转入"
        if before:
            last_end = max(s[1] for s in before)
            if last_end < a and self._reason(p, last_end) in ("suspended", ""):
                return "恢复党籍"
        return "转入"

    def _fall_kind(self, p, spans, ids, b) -> tuple[str, str]:
        if any(s[0] == b and s[2] not in ids for s in spans):
            return "转出", ""
        reason = self._reason(p, b)
        return LEAVE_KIND.get(reason, "其他减少"), (p["left_note"] if p["left_on"] == b else "")


def member_ids_on(org, on: datetime.date):
    """A subquery of the ids of the 党员 on the subtree's roll on day `on`."""
    return roll.member_ids_on(org, on)


def own_people(org_id: int):
    """The 党员 on the org's own roll today, by name (a page's picker of who is responsible for something)."""
    return Person.objects.filter(org_id=org_id, on_roll=True, status__in=MEMBER_STATUSES).order_by("name")


def person_in(org_id: int, pk):
    """The person with this id whose record belongs to the org, or None."""
    return Person.objects.filter(pk=pk, org_id=org_id).first()
