"""`dangjian demo` on any day: the demo lays its history out from the day it runs (dangjian/site/demo/timeline.py).

Issue 14: from 2027-01-01 the demo, and so `make run` on a fresh machine, failed with "日期不能晚于今天". Each
heavy test below loads the whole demo through the command, with the clock on a day that used to break it or
that sits at an edge (the last day of the suite's year, New Year's Day, early January, mid-year, a leap day in
the quiet months), and checks what a user relies on: it loads, nothing it stores is dated after that day, the
seed numbers and logins are there, every development case passes the 发展党员 rules, and in January–March the
year just ended is complete for its summary.
"""

import datetime
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models import Max
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from dangjian.rules.recruitment import check_case
from dangjian.rules.recruitment import dates as rules
from dangjian.site.demo import activity_dev as dev_paths
from dangjian.site.demo.timeline import Timeline

LOGINS = {
    "admin": "admin123",
    "jyj": "jyj123",
    "feilong": "feilong123",
    "shiyan": "shiyan123",
    "kunshan": "kunshan123",
    "weiyuan": "weiyuan123",
    "dangyuan": "dangyuan123",
}
# Dates that are deadlines or the end of a term: by their meaning they lie ahead. Every other date or
# timestamp column of every model records something that has happened.
AHEAD = {
    ("orgs.CommitteeTerm", "ends_on"),  # a 3-year term runs on
    ("assessment.Rubric", "self_due"),
    ("assessment.Rubric", "school_due"),
    ("assessment.Rubric", "bureau_due"),
    ("rectification.Rectification", "due_date"),
    ("plans.VisitProblem", "due_date"),
    ("appraisal.FollowUp", "deadline"),
}
DAYS = ["2026-12-31", "2027-01-01", "2027-01-05", "2027-06-30", "2028-02-29"]


def _story_year(day: datetime.date) -> int:
    # Written out here rather than imported: the year whose work the demo shows in full, last year in Jan–Mar.
    return day.year - 1 if day.month <= 3 else day.year


def _dates_after(day: datetime.date) -> list[str]:
    """Every stored date or timestamp (in China time) later than ``day``, outside the deadlines above."""
    late = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateField) or (model._meta.label, field.name) in AHEAD:
                continue
            latest = model._default_manager.aggregate(x=Max(field.name))["x"]
            if isinstance(latest, datetime.datetime):
                latest = timezone.localtime(latest).date()
            if latest is not None and latest > day:
                late.append(f"{model._meta.label}.{field.name} = {latest}")
    return late


def _case_problems() -> list[str]:
    """Errors and warnings the 发展党员 rules find in the stored cases, each judged on its stored events."""
    from dangjian.recruitment import engine
    from dangjian.recruitment.models import DevelopmentCase

    out = []
    for case in DevelopmentCase.objects.select_related("person"):
        for f in engine.findings(case, engine.case_events(case)):
            if f.level in ("error", "warning") and f.code not in engine.PENDING_CODES:
                out.append(f"{case.person.name}：{f.message_zh}")
    return out


@pytest.mark.parametrize("day", [pytest.param(d, marks=pytest.mark.today(d)) for d in DAYS])
def test_demo_loads_on_any_day_with_nothing_dated_after_it(day, db, client, settings):
    from dangjian.appraisal.models import AppraisalCycle
    from dangjian.dues.models import DuesCharge, DuesRemittance
    from dangjian.meetings.models import Meeting
    from dangjian.members.models import Person

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    day = datetime.date.fromisoformat(day)
    out = io.StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    assert "正在创建组织和党员" in printed and "完成" in printed and "已加载演示数据" in printed
    assert all(u in printed and p in printed for u, p in LOGINS.items())

    assert _dates_after(day) == []
    assert _case_problems() == []
    flzx = Person.objects.filter(org__code="FLZX", on_roll=True)
    assert flzx.filter(status="full_member").count() == 27
    assert flzx.filter(status__in=["applicant", "activist", "candidate"]).exists()
    # Dues: ended months only; money remitted only for half-years that have ended.
    assert DuesCharge.objects.aggregate(x=Max("month"))["x"] < day.replace(day=1)
    for r in DuesRemittance.objects.all():
        assert r.period_end < r.remitted_on <= day

    year = _story_year(day)
    if day >= datetime.date(year, 12, 31):  # the story year is over (or on its last day): complete
        held = Meeting.objects.filter(org__code="FLZX", starts_at__year=year, voided=False)
        counts = {
            k: held.filter(kind=k).count()
            for k in ("general_meeting", "party_lecture", "committee_meeting", "theme_day")
        }
        # 党员大会 and 党课 each quarter, 支委会 and 主题党日 each month — less the demo's one gap (Q3 党员大会).
        assert counts == {"general_meeting": 3, "party_lecture": 4, "committee_meeting": 12, "theme_day": 12}
        months = set(DuesCharge.objects.filter(org__code="FLZX", month__year=year).values_list("month", flat=True))
        assert len(months) == (12 if day.year > year else 11)
        assert DuesRemittance.objects.filter(org__code="FLZX", period_start=datetime.date(year, 1, 1)).exists()
        expected_stage = "closed" if day.year > year else "review"
        assert AppraisalCycle.objects.get(org__code="FLZX", year=year).stage == expected_stage
    assert AppraisalCycle.objects.get(org__code="FLZX", year=year - 1).stage == "closed"

    for username, password in LOGINS.items():
        assert client.post("/login/", {"username": username, "password": password}).status_code == 302, username
        client.post("/logout/")
    client.post("/login/", {"username": "jyj", "password": "jyj123"})
    assert client.get("/orgs/KSEZ-T/stats/").status_code == 200
    client.post("/logout/")
    client.post("/login/", {"username": "feilong", "password": "feilong123"})
    assert client.get("/orgs/FLZX/stats/").status_code == 200
    if day.year > year:  # January–March: the secretary drafts last year's summary from complete records
        response = client.get(f"/reports/org/FLZX/summary/{year}/")
        assert response.status_code == 200
        text = re.sub(r"<[^>]+>", "", response.content.decode())
        assert "支部党员大会3次" in text and "党课4次" in text and "第三季度未召开支部党员大会" in text
        assert "发展预备党员1人" in text
        assert re.search(r"共缴纳党费[\d.]+元", text)


# --- the development cases' dates, on any day (no database: the paths and the rule engine only) ---------

SPONSORS = [{"name": "甲", "full_member": True}, {"name": "乙", "full_member": True}]
VOTE = {"expected": 27, "present": 25, "yes": 25, "written_yes": 1}
CONVERT = {"expected": 12, "present": 11, "yes": 11, "written_yes": 0, "outcome": "convert"}


def _events(opened, steps):
    """Engine events of a case opened on ``opened`` with the given steps; a 公示 carries its 5-working-day end."""
    events = [{"step": "application", "date": opened, "data": {}}]
    for code, day, data in steps:
        if code == "publicity":
            data = {"places": [day] * len(data["channels"]), "end": rules.publicity_end(day).date}
        events.append({"step": code, "date": day, "data": data})
    return events


def _paths(today):
    tl = Timeline(today)
    applied = tl.ago(2026, 9, 10)
    yield applied, dev_paths.due_steps(dev_paths.applicant_path(tl, applied), today)
    applied = tl.ago(2025, 12, 1)
    yield applied, dev_paths.due_steps(dev_paths.activist_path(tl, applied, SPONSORS), today)
    admission = dev_paths.admission_path(tl, SPONSORS, VOTE)
    yield tl.on(2025, 3, 1), dev_paths.due_steps(admission, today, until=tl.on(2026, 6, 1))
    yield tl.on(2025, 3, 1), dev_paths.due_steps(admission, today)
    yield tl.on(2023, 9, 1), dev_paths.due_steps(dev_paths.confirmed_path(tl, SPONSORS, VOTE, CONVERT), today)


@given(st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2045, 12, 31)))
def test_development_paths_pass_the_rules_on_any_day(today):
    """On any day, each demo case's steps up to that day are dated by then and break no 发展党员 rule of the
    version in force at their dates (no error, no warning — the demo gives no reason to override one)."""
    for opened, steps in _paths(today):
        assert opened <= today and all(day <= today for _, day, _ in steps)
        findings = check_case(_events(opened, steps), today=today)
        bad = [
            f.message_zh
            for f in findings
            if f.level in ("error", "warning") and f.code not in ("ACTIVIST_NOT_FILED", "CANDIDATE_NOT_FILED")
        ]
        assert bad == [], (today, steps)


@pytest.mark.parametrize(
    "today, version",
    [(datetime.date(2026, 2, 10), "2014"), (datetime.date(2026, 11, 22), "2026"), (datetime.date(2029, 6, 15), "2026")],
)
def test_listing_follows_the_version_of_its_date(today, version):
    """The 2026 细则 (from 2026-05-11) wants 上级党委同意 before the 公示; the 2014 text wants the listing filed."""
    tl = Timeline(today)
    steps = dev_paths.due_steps(dev_paths.admission_path(tl, SPONSORS, VOTE), today, until=tl.on(2026, 6, 1))
    codes = [c for c, _, _ in steps]
    assert codes[-1] in ("candidate_selected", "candidate_filed")
    assert ("upper_consent" in codes) == (version == "2026") and ("candidate_filed" in codes) == (version == "2014")
