"""Evidence for the appraisal, gathered from the other modules (never typed again), for many members at
once with a handful of aggregate queries: org-life attendance, study hours, dues arrears, development role."""

from decimal import Decimal

from django.db.models import Count, Q

from dangjian.lib import clock
from dangjian.meetings.models import Attendance
from dangjian.orgs.selectors import subtree_ids


def _attendance(person_ids, year):
    rows = (
        Attendance.objects.filter(person_id__in=person_ids, meeting__voided=False, meeting__year=year)
        .values("person_id")
        .annotate(expected=Count("id"), attended=Count("id", filter=Q(status="present")))
        .order_by()
    )
    return {r["person_id"]: (r["attended"], r["expected"]) for r in rows}


def _dues(org, person_ids):
    """person id → months in the current unpaid run; None when the dues module has no data."""
    try:
        from dangjian.dues.models import DuesCharge
        from dangjian.dues.selectors.arrears import run_rows
    except ImportError:
        return None
    today = clock.today()
    charged = set(DuesCharge.objects.filter(person_id__in=person_ids).values_list("person_id", flat=True).distinct())
    runs = dict(
        run_rows(subtree_ids(org), today)
        .filter(person_id__in=person_ids)
        .values("person_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("person_id", "n")
    )
    return {pid: runs.get(pid, 0) for pid in charged}


def _development(org, person_ids):
    """person id → (mentor cases, sponsor cases) from live recruitment steps (ids stored in CaseStep.data)."""
    try:
        from dangjian.recruitment.models import CaseStep
    except ImportError:
        return {}
    wanted = set(person_ids)
    out: dict[int, list] = {}
    steps = CaseStep.objects.filter(
        code__in=["mentors_assigned", "sponsors_assigned"],
        voided_by__isnull=True,
        case__closed=False,
        case__bureau_id=org.bureau_id or org.id,
    ).values_list("case_id", "code", "data")
    seen = set()
    for case_id, code, data in steps:
        key = "mentors" if code == "mentors_assigned" else "sponsors"
        for pid in (data or {}).get(key) or []:
            try:
                pid = int(pid)
            except (TypeError, ValueError):
                continue
            if pid in wanted and (pid, case_id, key) not in seen:
                seen.add((pid, case_id, key))
                out.setdefault(pid, [0, 0])[0 if key == "mentors" else 1] += 1
    return out


def evidence_for(org, year: int, person_ids) -> dict[int, dict]:
    """person id → {attended, expected, hours, dues, mentor, sponsor} for ``year``."""
    from dangjian.learning.selectors import meeting_hours, record_hours

    ids = list(person_ids)
    att = _attendance(ids, year)
    meet, rec = meeting_hours(ids, year), record_hours(ids, year)
    dues = _dues(org, ids)
    dev = _development(org, ids)
    out = {}
    for pid in ids:
        attended, expected = att.get(pid, (0, 0))
        if dues is None or pid not in dues:
            dues_text = "—"
        else:
            dues_text = "按时交纳" if dues[pid] == 0 else f"欠交{dues[pid]}个月"
        mentor, sponsor = dev.get(pid, (0, 0))
        out[pid] = {
            "attended": attended,
            "expected": expected,
            "hours": meet.get(pid, Decimal(0)) + rec.get(pid, Decimal(0)),
            "dues": dues_text,
            "mentor": mentor,
            "sponsor": sponsor,
        }
    return out
