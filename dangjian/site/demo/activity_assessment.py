"""Demo 考核: the bureau's published rubric for this year (mixed automatic and manual items, like the seeds'
目标管理考核细则), opened for every branch, with assessments at different stages — 飞龙中学 finished with a star
(and one lost item put on the 整改台账), 昆山二中第一支部 waiting for its school (the 党总支), 第二支部 half filled in,
实验小学 not started. Everything through dangjian.assessment.services. The rubric is the story year's
(timeline.py): in January–March that is last year's, being assessed now, its due dates inside that year."""

import datetime
from decimal import Decimal

from dangjian.orgs.models import Org

from .timeline import story_year

ITEMS = [
    (
        "组织生活",
        "“三会一课”按期召开",
        "支部党员大会每季度、党课每季度、主题党日每月按期召开，记录完整",
        20,
        "auto",
        "meetings_held",
        False,
    ),
    ("组织生活", "主题党日活动质量", "主题鲜明、形式多样，有方案、有记录、有照片", 10, "manual", "", True),
    ("党费管理", "党费按月足额交纳", "党员按月交纳党费，账目清楚，按时上缴", 10, "auto", "dues_on_time", False),
    ("发展党员", "发展党员计划完成", "按年度计划发展党员，程序规范", 10, "auto", "development_plan", False),
    (
        "学习教育",
        "党员学时达标",
        "党员每年集中学习不少于32学时，班子成员不少于56学时",
        10,
        "auto",
        "study_hours",
        False,
    ),
    ("党务公开", "党务公开", "按规定公开党费收缴、发展党员等事项", 5, "auto", "disclosure_done", False),
    ("民主评议", "民主评议党员", "按时开展民主评议党员，结果及时报送", 10, "auto", "appraisal_done", False),
    ("组织建设", "支部班子建设", "支委会健全，按期换届，分工明确", 10, "manual", "", False),
    ("阵地建设", "党员活动室和宣传阵地", "有固定活动场所，制度上墙，宣传栏定期更新", 10, "manual", "", True),
    ("整改落实", "整改按期完成", "上级检查和考核发现的问题按期整改销号", 5, "auto", "rectification_closed", False),
]
THRESHOLDS = [
    {"name": "五星", "min": "95"},
    {"name": "四星", "min": "85"},
    {"name": "三星", "min": "75"},
    {"name": "二星", "min": "60"},
    {"name": "一星", "min": "0"},
]


def _entries(rubric, points: dict, notes: dict | None = None, comment: str = "") -> list[dict]:
    out = []
    for it in rubric.items.all():
        if it.title in points:
            e = {"item": it.pk, "points": str(points[it.title]), "comment": comment}
            if notes and it.title in notes:
                e["evidence_note"] = notes[it.title]
            out.append(e)
    return out


def build_assessment(actor, today: datetime.date, users: dict | None = None) -> dict:
    """users: username → User of the demo logins (jyj the bureau, feilong 飞龙中学's secretary); a missing one
    falls back to ``actor``."""
    from dangjian.assessment import services

    users = users or {}
    bureau, feilong = (users.get(n, actor) for n in ("jyj", "feilong"))  # 昆山二中's branches have no login

    orgs = {o.code: o for o in Org.objects.filter(code__in=["JBJYJ", "FLZX", "KSEZ-1", "KSEZ-2"])}
    year = story_year(today)
    items = [
        {
            "category": c,
            "title": t,
            "standard": s,
            "weight": Decimal(w),
            "mode": m,
            "indicator": i,
            "evidence_required": e,
        }
        for c, t, s, w, m, i, e in ITEMS
    ]
    rubric = services.rubric_save(
        actor=bureau,
        org=orgs["JBJYJ"],
        year=year,
        title=f"{year}年度基层党支部党建工作考核细则",
        total=Decimal(100),
        thresholds=THRESHOLDS,
        items=items,
        self_due=datetime.date(year, 12, 10),
        school_due=datetime.date(year, 12, 20),
        bureau_due=datetime.date(year, 12, 31),
    )
    rubric = services.rubric_publish(actor=bureau, rubric=rubric)
    services.rubric_open(actor=bureau, rubric=rubric)
    notes = {
        "主题党日活动质量": "全年主题党日方案、签到表和活动照片已整理成册（见支部台账第二卷）",
        "党员活动室和宣传阵地": "党员活动室设在行政楼三楼，制度上墙；宣传栏每月更新",
    }
    self_points = {"主题党日活动质量": 9, "支部班子建设": 10, "党员活动室和宣传阵地": 9}
    # 飞龙中学: self → bureau (directly under the bureau), finished with a star; the lost item goes to 整改.
    a = rubric.assessments.get(org=orgs["FLZX"])
    a = services.scores_save(
        actor=feilong,
        assessment=a,
        level="self",
        entries=_entries(rubric, self_points, notes, "按细则逐项自查"),
        submit=True,
        today=today,
    )
    bureau_points = {"主题党日活动质量": 9, "支部班子建设": 10, "党员活动室和宣传阵地": 7}
    a = services.scores_save(
        actor=bureau,
        assessment=a,
        level="bureau",
        entries=_entries(rubric, bureau_points, comment="经实地查看核定"),
        submit=True,
        today=today,
    )
    lost = rubric.items.get(title="党员活动室和宣传阵地")
    secretary = a.org.people.filter(
        committee_posts__role="secretary", committee_posts__term__ended_on__isnull=True
    ).first()
    services.assessment_rectify(
        actor=bureau,
        assessment=a,
        item=lost,
        owner=secretary,
        due_date=today + datetime.timedelta(days=60),
        problem="宣传栏更新不及时，部分制度未上墙",
    )
    # 昆山二中第一支部: self submitted, waiting for the school (昆山市第二中学党总支).
    b = rubric.assessments.get(org=orgs["KSEZ-1"])
    services.scores_save(
        actor=actor, assessment=b, level="self", entries=_entries(rubric, self_points, notes), submit=True, today=today
    )
    # 第二支部: half filled in (saved, not submitted). Others (实验小学 …) not started.
    c = rubric.assessments.get(org=orgs["KSEZ-2"])
    services.scores_save(
        actor=actor, assessment=c, level="self", entries=_entries(rubric, {"支部班子建设": 9}), today=today
    )
    return {"rubric": rubric.pk, "finished": a.pk, "star": a.star}
