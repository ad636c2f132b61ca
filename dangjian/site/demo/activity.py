"""A year of demo activity: meetings, development cases, dues, study, 党务公开 and honours.

Everything goes through the apps' services, dated in the past only, so the annual summary drafted for a
demo school reads like the seeds (real numbers, one real gap: 飞龙中学 held no 支部党员大会 in Q3).
The year told is the story year (timeline.py): this year from April; in January–March last year, complete
(all twelve months of meetings and dues, its 民主评议 closed), plus what this year has had so far.
"""

import datetime
from decimal import Decimal

from dangjian.lib import clock
from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.models import Org

from .activity_dev import build_development
from .activity_meetings import MeetingMaker
from .activity_more import build_appraisal, build_study
from .activity_rectification import build_rectification
from .timeline import Timeline

SCHOOLS = ("FLZX", "JBSX", "KSEZ-1", "KSEZ-2", "KSEZ-3", "KSEZ-T")


def build_activity(maker, today: datetime.date | None = None) -> dict:
    today = today or clock.today()
    year = Timeline(today).year
    orgs = {o.code: o for o in Org.objects.filter(code__in=SCHOOLS)}
    schools = [orgs[c] for c in SCHOOLS]
    build_appraisal(maker.actor, schools, year - 1, today=today)  # before the story year's new members
    cases = build_development(maker, orgs, today)
    meetings = MeetingMaker(actor=maker.actor, rnd=maker.rnd, today=today, gap_year=year)
    for org in schools:
        meetings.branch_year(org, year)
    if year < today.year:  # January–March: this year's meetings so far
        for org in schools:
            meetings.branch_year(org, today.year)
    _dues(maker, schools, today, year)
    _disclosure(maker.actor, orgs, today, year)
    _study(maker, orgs["JBSX"], today, year)
    build_study(maker.actor, schools, today, year)
    if year < today.year:  # the story year's 民主评议 is finished by January–March
        build_appraisal(maker.actor, schools, year, today=today)
    elif today.month >= 11:  # this year's 民主评议 is graded in November, awaiting the 上级审核
        build_appraisal(maker.actor, schools, year, close=False, today=today)
    _honours(maker.actor, orgs, today, year)
    build_rectification(maker.actor, orgs, today)  # 整改台账 items from the findings (activity_rectification.py)
    return {"meetings": meetings.count, "cases": cases}


def _dues(maker, orgs, today, year):
    # dangjian.dues is another engineer's app; its services exist as dangjian.dues.services.
    from dangjian.dues.models import DuesCharge
    from dangjian.dues.services import base_set, charges_generate, payment_record, payment_reverse, remittance_record

    rnd, actor = maker.rnd, maker.actor
    # Ended months only, from January of the story year (all of it in January–March, and this year's so far).
    this_month = today.replace(day=1)
    months = [m for m in (datetime.date(year + k // 12, k % 12 + 1, 1) for k in range(24)) if m < this_month]
    if not months:  # January of the story year itself cannot happen (see timeline.story_year); kept for safety
        return
    # Half-year periods remitted on the 10th after they end (上半年 on 10 July, 下半年 on 10 January) by today.
    periods = [
        (datetime.date(year, 1, 1), datetime.date(year, 6, 30), datetime.date(year, 7, 10), "上半年"),
        (datetime.date(year, 7, 1), datetime.date(year, 12, 31), datetime.date(year + 1, 1, 10), "下半年"),
    ]
    periods = [p for p in periods if p[2] <= today]
    for org in orgs:
        people = list(Person.objects.filter(org=org, on_roll=True, status__in=MEMBER_STATUSES).order_by("id"))
        for p in people:
            if p.category == "retired":
                base_set(
                    actor=actor,
                    person=p,
                    effective_month=months[0],
                    category="retired",
                    base=Decimal(rnd.randrange(4200, 7000, 100)),
                    note="按养老金核定",
                )
            else:
                base_set(
                    actor=actor,
                    person=p,
                    effective_month=months[0],
                    base=Decimal(rnd.randrange(5200, 9800, 100)),
                    note="按上年度月平均工资核定",
                )
        for month in months:
            charges_generate(actor=actor, org=org, month=month)
        totals = [Decimal(0)] * len(periods)
        for i, p in enumerate(people):
            owed = sorted(DuesCharge.objects.filter(person=p).values_list("month", flat=True))
            if i == 3 and org.code == "FLZX":  # one member two months in arrears (欠缴)
                owed = owed[:-2]
            quarterly = i % 4 == 1
            batches = [owed[k : k + 3] for k in range(0, len(owed), 3)] if quarterly else [[m] for m in owed]
            for batch in batches:
                paid_on = batch[-1].replace(day=10 if not quarterly else 25)
                pay = payment_record(
                    actor=actor, person=p, paid_on=paid_on, months=batch, method="wechat" if i % 3 else "cash"
                )
                if (
                    i == 6 and org.code == "FLZX" and batch[0] == datetime.date(year, 2, 1)
                ):  # a mistaken entry, reversed (冲正), redone
                    payment_reverse(actor=actor, payment=pay, reason="金额录入错误，冲正后重新登记", on=paid_on)
                    pay = payment_record(actor=actor, person=p, paid_on=paid_on, months=batch, method="cash")
                for k, (start, end, _, _) in enumerate(periods):
                    if start <= batch[-1] <= end:
                        totals[k] += pay.amount
        for (start, end, remitted_on, half), total in zip(periods, totals):
            if total:
                remittance_record(
                    actor=actor,
                    org=org,
                    period_start=start,
                    period_end=end,
                    amount=total,
                    remitted_on=remitted_on,
                    reference=f"{year}{half}党费上缴",
                )


def _disclosure(actor, orgs, today, year):
    from dangjian.disclosure.services import disclosure_propose, disclosure_set_status

    items = [
        (
            orgs["FLZX"],
            "dues",
            "飞龙中学党支部上半年党费收缴情况",
            "上半年党费已按时收缴并全额上缴区教育局党委。",
            "branch",
            datetime.date(year, 7, 12),
        ),
        (
            orgs["FLZX"],
            "recruitment",
            "发展对象公示",
            "经支部委员会研究、上级党委同意，拟将一名同志列为发展对象，现予公示。",
            "school",
            datetime.date(year, 5, 21),
        ),
        (
            orgs["JBSX"],
            "self_building",
            "实验小学党员志愿服务进社区",
            "本学期党员教师开展志愿服务12次，服务群众300余人次。",
            "public",
            datetime.date(year, 10, 20),
        ),
        (
            orgs["KSEZ-1"],
            "dues",
            "第一党支部上半年党费收缴情况",
            "上半年党费已按时收缴，全额上缴。",
            "branch",
            datetime.date(year, 7, 15),
        ),
        (
            orgs["KSEZ-T"],
            "org_life",
            "退教支部开展“银龄先锋”志愿服务情况",
            "退休党员参与校园护学岗和社区宣讲。",
            "branch",
            datetime.date(year, 10, 10),
        ),
        (
            orgs["JBSX"],
            "org_life",
            "实验小学党支部“三会一课”开展情况",
            "本年度按计划召开支部党员大会、支委会、党小组会，上好党课。",
            "branch",
            datetime.date(year, 9, 5),
        ),
    ]
    for org, topic, title, content, scope, day in items:
        if day > today:  # not written yet
            continue
        item = disclosure_propose(actor=actor, org=org, topic=topic, title=title, content=content, scope=scope, on=day)
        for step, offset in (("reviewed", 1), ("approved", 2), ("published", 3)):
            if day + datetime.timedelta(days=offset) > today:
                break
            disclosure_set_status(actor=actor, item=item, to=step, on=day + datetime.timedelta(days=offset))


def _study(maker, org, today, year):
    from dangjian.learning.services import record_create

    people = list(Person.objects.filter(org=org, on_roll=True, status__in=MEMBER_STATUSES).order_by("id")[:12])
    for i, p in enumerate(people):
        kind, title, hours = (
            ("training", "区教育系统党员冬训", 8) if i % 2 else ("lecture", "专题讲座：新时代师德师风建设", 3)
        )
        day = datetime.date(year, 3 + i % 6, 18)
        if day <= today:
            record_create(actor=maker.actor, org=org, person=p, date=day, kind=kind, title=title, hours=hours)


def _honours(actor, orgs, today, year):
    from dangjian.plans.services.records import activity_create, honour_create

    if datetime.date(year, 6, 28) <= today:
        honour_create(
            actor=actor,
            org=orgs["JBSX"],
            title="区先进基层党组织",
            level="district",
            awarded_by="中共江北区委",
            awarded_on=datetime.date(year, 6, 28),
        )
    if datetime.date(year, 3, 5) <= today:
        activity_create(
            actor=actor,
            org=orgs["FLZX"],
            kind="volunteer",
            title="党员教师志愿服务进社区",
            held_on=datetime.date(year, 3, 5),
            place="文教街道社区",
        )
