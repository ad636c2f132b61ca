"""The demo's 2025 documents state 2025's facts (issue 14): the summary and the 党内统计 of 飞龙中学, 昆山二中
and the bureau agree with a count made here, in plain Python, from the Person rows' dates (入党, 转正, 离开),
where each stood on the roll (RollSpan rows read as data) and the development cases' approval steps (STAT-01).
One more demo load (~15 s)."""

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from dangjian.members.models import Person, RollSpan
from dangjian.orgs.models import Org

D = datetime.date
YEAR = 2025
END = D(YEAR, 12, 31)


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", stdout=io.StringIO())


def _stood(spans, person_id, ids, day) -> bool:
    return any(o in ids and (s is None or s <= day) and (e is None or day < e) for o, s, e in spans.get(person_id, []))


def _count(code: str) -> dict:
    """Independent count for the org's subtree in YEAR (no call into members.roll or the reports)."""
    from dangjian.recruitment.models import CaseStep

    root = Org.objects.get(code=code)
    ids = set(Org.objects.filter(path__startswith=root.path).values_list("id", flat=True))
    spans: dict = {}
    for pid, org_id, start, end in RollSpan.objects.values_list("person_id", "org_id", "start", "end"):
        spans.setdefault(pid, []).append((org_id, start, end))
    steps = {}
    for pid, org_id, step, day in (
        CaseStep.objects.filter(voided_by__isnull=True, code__in=["approval", "conversion_approval"])
        .exclude(case__transferred_in=True, code="approval")
        .values_list("case__person_id", "case__org_id", "code", "date")
    ):
        steps.setdefault((pid, step), []).append((org_id, day))
    full = probationary = admitted = confirmed = 0
    year_ago = D(YEAR - 1, 12, 31)
    for p in Person.objects.filter(status__in=["full_member", "probationary_member"]):
        if _stood(spans, p.id, ids, END) and (p.join_date is None or p.join_date <= END):
            if p.confirmation_date and p.confirmation_date <= END:
                full += 1
            elif (
                p.confirmation_date is None
                and p.status == "full_member"
                and (p.join_date is None or p.join_date <= year_ago)
            ):
                full += 1
            else:
                probationary += 1
        for step, day_field in (("approval", "join_date"), ("conversion_approval", "confirmation_date")):
            if (p.id, step) in steps:
                n = sum(1 for org_id, day in steps[(p.id, step)] if org_id in ids and day.year == YEAR)
                hit = n > 0
            else:
                day = getattr(p, day_field)
                hit = (
                    day is not None
                    and day.year == YEAR
                    and _stood(spans, p.id, ids, day)
                    and (step == "approval" or p.status == "full_member")
                )
            if hit and step == "approval":
                admitted += 1
            elif hit:
                confirmed += 1
    return {
        "org": root,
        "total": full + probationary,
        "full": full,
        "probationary": probationary,
        "admitted": admitted,
        "confirmed": confirmed,
    }


def test_the_demos_2025_documents_state_2025s_facts(demo, client):
    client.force_login(User.objects.get(username="admin"))
    counts = {code: _count(code) for code in ("FLZX", "KSEZ", "JBJYJ")}
    # 飞龙中学 (issue 14): 28 on the roll at 2025's end — the member who left in 2026 among them, the one
    # admitted in 2026 not — and the two confirmations of 2025; the count above says so from the dates.
    assert counts["FLZX"]["confirmed"] > 0 and counts["FLZX"]["total"] > counts["FLZX"]["probationary"]
    for code, c in counts.items():
        paragraphs = client.get(f"/api/v1/reports/org/{code}/summary/{YEAR}/").json()["paragraphs"]
        text = "\n".join(p["text"] for p in paragraphs)
        assert (
            f"截至{YEAR}年12月31日，{c['org'].name}共有党员{c['total']}名，其中正式党员{c['full']}名、"
            f"预备党员{c['probationary']}名。"
        ) in text, code
        assert f"{YEAR}年发展预备党员{c['admitted']}人，转正预备党员{c['confirmed']}人" in text, code
        st = client.get(f"/api/v1/reports/org/{code}/statistics/{YEAR}/").json()
        assert (st["structure"]["total"], st["structure"]["probationary_member"]) == (c["total"], c["probationary"])
        assert (st["development"]["发展预备党员"], st["development"]["转正预备党员"]) == (c["admitted"], c["confirmed"])
