"""Demo study records (learning.services) and last year's 民主评议党员 cycles (appraisal.services)."""

import datetime
import math

from dangjian.members.models import MEMBER_STATUSES, Person


def build_study(actor, orgs, today: datetime.date, year: int | None = None) -> int:
    """Committee members attend the district training; anyone still short of EDU-01 hours makes them up
    (补学) at a 专题讲座 (records that need no certificate file), so the summary's 学时 figures are those of a
    working branch."""
    from dangjian.appraisal.settings import org_settings
    from dangjian.learning.facts import short_people
    from dangjian.learning.services import record_create
    from dangjian.orgs.selectors import subtree_ids
    from dangjian.rules.learning import required_hours

    year = year or today.year
    training, makeup = datetime.date(year, 7, 12), datetime.date(year, 9, 26)
    n = 0
    for org in orgs:
        if training > today:  # the summer training and the autumn 补学 have not happened yet
            break
        cadres = Person.objects.filter(
            org=org, on_roll=True, status__in=MEMBER_STATUSES, committee_posts__term__ended_on__isnull=True
        ).distinct()
        for p in cadres:
            record_create(
                actor=actor,
                org=org,
                person=p,
                date=training,
                kind="training",
                title="区教育系统党组织书记和支委暑期培训班",
                hours=24,
            )
            n += 1
        if makeup > today:
            continue
        settings = org_settings(org)
        short = short_people(org, subtree_ids(org), year) or []
        for p in short:
            need = required_hours("cadre" if p.cadre else "member", settings) - p.hrs
            record_create(
                actor=actor,
                org=org,
                person=p,
                date=makeup,
                kind="lecture",
                title="专题讲座：学习贯彻党的二十届三中全会精神（补学）",
                hours=max(4, math.ceil(need)),
            )
            n += 1
    return n


def build_appraisal(actor, orgs, year: int, *, close: bool = True, today: datetime.date | None = None) -> int:
    """A cycle for ``year`` per branch: mostly 合格, two 优秀, one 基本合格 with an improvement plan, closed;
    with ``close=False`` (this year's, held in November) it stops at 上级审核 after the branch's grades.
    The improvement plan starts on 2 March of the next year, or today if that is still ahead."""
    from dangjian.appraisal.followups import followup_create
    from dangjian.appraisal.models import CycleStage
    from dangjian.appraisal.services import cycle_open, cycle_set_stage, grades_set

    n = 0
    for i, org in enumerate(orgs):
        cycle = cycle_open(actor=actor, org=org, year=year, note=f"{year}年度民主评议党员")
        for to in (CycleStage.SELF_EVALUATION, CycleStage.MUTUAL_EVALUATION, CycleStage.VOTING, CycleStage.ASSESSMENT):
            cycle = cycle_set_stage(actor=actor, cycle=cycle, to=to)
        evals = list(cycle.evaluations.order_by("id"))
        rows = [{"evaluation_id": e.id, "grade": "qualified", "reason": ""} for e in evals]
        first = 1 if close else 3  # not the same two 优秀 every year
        for row in rows[first : first + 2] if len(rows) > 6 else []:
            row.update(grade="excellent", reason="教书育人成绩突出，带头参加志愿服务，党员群众评价高")
        weak = None
        if i == 0 and close and len(rows) > 6:
            weak = evals[len(evals) // 2]
            rows[len(rows) // 2].update(grade="basically_qualified", reason="参加组织生活不够经常，学习不够主动")
        grades_set(actor=actor, cycle=cycle, rows=rows)
        cycle = cycle_set_stage(actor=actor, cycle=cycle, to=CycleStage.REVIEW)
        n += len(evals)
        if not close:
            continue
        cycle = cycle_set_stage(actor=actor, cycle=cycle, to=CycleStage.NOTIFIED)
        if weak is not None:
            weak.refresh_from_db()
            followup_create(
                actor=actor,
                evaluation=weak,
                step="improvement_plan",
                started_on=min(datetime.date(year + 1, 3, 2), today or datetime.date.max),
                content="按时参加“三会一课”，每月提交一篇学习体会，由支部书记结对帮助",
                deadline=datetime.date(year + 1, 6, 30),
            )
            cycle = cycle_set_stage(actor=actor, cycle=cycle, to=CycleStage.FOLLOWUP)
        cycle_set_stage(actor=actor, cycle=cycle, to=CycleStage.CLOSED)
    return n
