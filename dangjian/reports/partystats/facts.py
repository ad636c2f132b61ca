"""The facts behind the year-end tables, read from history (never from today's roster).

- Members are counted by the org whose roll holds them on 12-31 (members/roll.py), ages at that day.
- 党员数量变化 (第一表): for each person, the stretches on the counted subtree's roll (consecutive spans
  inside the subtree joined), cut at the 入党时间, give exact rises and falls in the year, so that
  上年数 + 增加 − 减少 = 本年数 holds per org by construction. A rise at the 入党时间 is 发展; a rise at a
  span's start is 转入 (from another roll, or a new record), or 恢复党籍 after a stretch off the roll that
  ended in 停止党籍 or was restored. A fall is 转出 when the person goes on to a roll outside the subtree the
  same day, else the recorded leaving reason (the audit keeps it when a later restore cleared it).
- 发展 / 转正 count by the upper-level approval date and the approving org (recruitment steps); people
  recorded on the roster only count by 入党/转正 date (reports/asof.py).
"""
import dataclasses
import datetime
from collections import defaultdict

from django.apps import apps

from dangjian.members import roll
from dangjian.members.models import MEMBER_STATUSES, Person, RollSpan
from dangjian.orgs.models import BRANCH_KINDS, Org, OrgKind, subtree_q


def installed(label: str) -> bool:
    return apps.is_installed(f"dangjian.{label}")

INCREASE = ["发展", "转入", "恢复党籍", "其他增加"]
DECREASE = ["死亡", "出党", "停止党籍", "转出", "其他减少"]
LEAVE_KIND = {"deceased": "死亡", "expelled": "出党", "suspended": "停止党籍", "transfer_out": "转出",
              "other": "其他减少", "": "其他减少"}

PERSON_FIELDS = ["id", "name", "gender", "ethnicity", "birth_date", "education", "degree", "category", "post",
                 "professional_title", "join_date", "confirmation_date", "status", "left_reason", "left_on",
                 "left_note"]


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
    org_id: int          # the org of the stretch (which roll the person came onto or left)
    kind: str            # one of INCREASE or DECREASE
    day: datetime.date
    note: str = ""


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def orgs_under(org: Org) -> list[Org]:
    return list(Org.objects.filter(subtree_q(org.path)).order_by("path"))


def descendants(org: Org, everything: list[Org]) -> set[int]:
    return {o.id for o in everything if o.path.startswith(org.path)}


def members_on(org: Org, on: datetime.date) -> list[Member]:
    """The 党员 on the org subtree's roll on day `on`, with the org of their roll that day."""
    rows = (roll.spans_on(org, on).filter(roll.member_q(on, "person__"))
            .annotate(st=roll.status_on(on, "person__"))
            .values_list("org_id", "st", *[f"person__{f}" for f in PERSON_FIELDS if f not in
                                           ("status", "confirmation_date", "left_reason", "left_on", "left_note")]))
    out = []
    for org_id, st, pid, name, gender, eth, birth, edu, degree, cat, post, title, join in rows:
        out.append(Member(pid, name, org_id, gender, eth or "", birth, edu or "", degree or "", cat or "",
                          post or "", title or "", join, st))
    out.sort(key=lambda m: (m.org_id, m.name))
    return out


def _leave_reasons(person_ids) -> dict[tuple[int, str], str]:
    """(person id, left_on ISO) -> leaving reason, from the audit of leaves (kept when a restore cleared it).
    `person_ids`: a subquery (a bureau's people may be more than SQLite takes as parameters)."""
    from dangjian.core.models import AuditEvent

    out = {}
    for pid, data in AuditEvent.objects.filter(subject_type="person", subject_id__in=person_ids,
                                               kind="person.leave").values_list("subject_id", "data"):
        ch = (data or {}).get("changes", {})
        on = (ch.get("left_on") or [None, None])[1]
        reason = (ch.get("left_reason") or [None, None])[1]
        if on and reason:
            out[(pid, on)] = reason
    return out


class History:
    """Every roll span of the people who ever stood on the subtree's roll, loaded once (a bounded number of
    queries), then read per row org in Python."""

    def __init__(self, org: Org):
        sub = Org.objects.filter(subtree_q(org.path)).values("id")
        ids = RollSpan.objects.filter(org_id__in=sub).values("person_id")
        self.people = {p["id"]: p for p in Person.objects.filter(id__in=ids).values(*PERSON_FIELDS)}
        self.spans: dict[int, list[tuple]] = defaultdict(list)
        self.by_org: dict[int, set[int]] = defaultdict(set)   # org id -> people with a span there
        for pid, org_id, start, end in RollSpan.objects.filter(person_id__in=ids).values_list(
                "person_id", "org_id", "start", "end"):
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
        """Rises and falls of 党员 on the roll of the orgs `ids` in `year` (exact: see the module note)."""
        d0, d1 = year_end(year - 1), year_end(year)
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


def member_ids_on(org: Org, on: datetime.date):
    """A subquery of the ids of the 党员 on the subtree's roll on day `on`."""
    return roll.member_ids_on(org, on)


def row_orgs(org: Org, everything: list[Org], members: list[Member]) -> list[Org]:
    """The orgs that get a row of their own: the org's direct sub-organizations (each with its whole
    subtree), and the org itself (本级) when members stand on its own roll. A branch has none (合计 only)."""
    if org.kind in BRANCH_KINDS:
        return []
    children = [o for o in everything if o.parent_id == org.id and o.kind != OrgKind.GROUP]
    own = any(m.org_id == org.id for m in members)
    return ([org] if own else []) + children


# ---------------------------------------------------------------- development and conversion
def approving_org(case_org: Org, kind: str, everything: dict[int, Org]) -> Org | None:
    """The nearest org above (or at) the case's branch of the approving kind; the nearest 党委 if unknown."""
    chain = [everything.get(i) for i in reversed(case_org.ancestors_ids())]
    chain = [o for o in chain if o is not None]
    for o in chain:
        if o.kind == (kind or OrgKind.COMMITTEE):
            return o
    return chain[0] if chain else None


@dataclasses.dataclass
class Admission:
    person_id: int
    name: str
    org_id: int                     # the branch whose member the person became
    approved_on: datetime.date
    join_date: datetime.date | None  # 入党时间 (the 支部大会)
    approver: str                   # the approving org's name ("" for roster-only records)
    approval_no: str
    gender: str
    ethnicity: str
    birth_date: datetime.date | None
    education: str
    degree: str
    category: str
    post: str


def _roster_only(sub, year: int, code: str):
    from dangjian.recruitment.facts import _roster_only as roster_only

    return roster_only(sub, year, code)


def _blank(values) -> list:
    """Person fields as the tables read them: text fields "" when unset, the birth date None."""
    return [v if isinstance(v, datetime.date) else (v or "") for v in values]


def admissions(org: Org, year: int) -> list[Admission]:
    """发展党员 of the year: approval steps dated in the year (transferred-in 预备党员 excluded), approving
    org from the step's 审批组织类别; plus people recorded on the roster only, by 入党时间."""
    sub = Org.objects.filter(subtree_q(org.path)).values("id")
    orgs = {o.id: o for o in Org.objects.all().only("id", "path", "name", "kind")}
    cols = ["gender", "ethnicity", "birth_date", "education", "degree", "category", "post"]
    out = []
    if installed("recruitment"):
        from dangjian.recruitment.selectors import live_steps

        steps = (live_steps().filter(case__org_id__in=sub, date__year=year, code="approval")
                 .exclude(case__transferred_in=True)
                 .values_list("case__person_id", "case__person__name", "case__org_id", "date",
                              "case__person__join_date", "data", "documents", *[f"case__person__{c}" for c in cols]))
        seen = set()
        for pid, name, org_id, day, join, data, docs, *rest in steps.order_by("date", "id"):
            if pid in seen:
                continue
            seen.add(pid)
            ap = approving_org(orgs[org_id], (data or {}).get("approver_kind", ""), orgs)
            out.append(Admission(pid, name, org_id, day, join, ap.name if ap else "",
                                 (docs or {}).get("approval_no", "") or "", *_blank(rest)))
    roster = (_roster_only(sub, year, "approval")
              .values_list("person_id", "person__name", "org_id", "person__join_date", *[f"person__{c}" for c in cols]))
    seen = {a.person_id for a in out}
    for pid, name, org_id, join, *rest in roster:
        if pid not in seen:
            seen.add(pid)
            out.append(Admission(pid, name, org_id, join, join, "", "", *_blank(rest)))
    out.sort(key=lambda a: (a.approved_on, a.name))
    return out


@dataclasses.dataclass
class Conversion:
    person_id: int
    name: str
    org_id: int
    approved_on: datetime.date
    outcome: str    # convert / extend / revoke
    note: str = ""


def conversions(org: Org, year: int) -> list[Conversion]:
    """转正 decisions approved in the year: the last 支部大会 decision before each conversion approval."""
    sub = Org.objects.filter(subtree_q(org.path)).values("id")
    out = []
    if installed("recruitment"):
        from dangjian.recruitment.selectors import live_steps

        cases = set(live_steps().filter(case__org_id__in=sub, code="conversion_approval", date__year=year)
                    .values_list("case_id", flat=True))
        steps = (live_steps().filter(case_id__in=cases, code__in=["conversion_meeting", "conversion_approval"])
                 .order_by("case_id", "date", "id")
                 .values_list("case_id", "code", "date", "data", "case__person_id", "case__person__name",
                              "case__org_id"))
        last: dict[int, dict] = {}
        for case_id, code, day, data, pid, name, org_id in steps:
            if code == "conversion_meeting":
                last[case_id] = data or {}
            elif day.year == year and case_id in last:
                d = last[case_id]
                note = f"延长{d.get('extension_months')}个月" if d.get("extension_months") else ""
                out.append(Conversion(pid, name, org_id, day, d.get("outcome") or "convert", note))
    seen = {c.person_id for c in out}
    for pid, name, org_id, day in (_roster_only(sub, year, "conversion_approval")
                                   .values_list("person_id", "person__name", "org_id", "person__confirmation_date")):
        if pid not in seen:
            seen.add(pid)
            out.append(Conversion(pid, name, org_id, day, "convert"))
    out.sort(key=lambda c: (c.approved_on, c.name))
    return out
