"""The demo tree: 江北区教育局党委 with the schools of the seeds (/work/shared/seeds).

- 飞龙中学党支部 (seed 000): founded 2019-11, 27 正式党员, two 党小组.
- 江北区实验小学党支部 (seed 002): 34 在职党员 — 研究生3, 本科27, 大专及以下4; 副高5, 中级13, 初级12, 未定级4.
- 昆山市第二中学党总支 (seed 004): 3 在职支部 and 1 退教支部; the third branch deliberately has no
  支部委员会 although it has 7+ 正式党员, so its page shows the BR-03 finding.
Founding dates are seed facts and stay as they are; committee terms and the other dates move with the
demo's story year (timeline.py), so a term is always current.
"""

import datetime

from dangjian.members.services import person_leave, person_update
from dangjian.orgs.services import org_create, term_create
from dangjian.rules.periods import add_years

from .people import PRIMARY_SUBJECTS, SECONDARY_SUBJECTS, PersonMaker

BUREAU_CODE = "JBJYJ"

# Seed 002's mix, one entry per member: (education, title).
SHIYAN_TITLES = ["senior_deputy"] * 5 + ["intermediate"] * 13 + ["junior"] * 12 + ["none"] * 4
SHIYAN_EDUCATION = ["postgraduate"] * 3 + ["bachelor"] * 27 + ["college"] * 3 + ["secondary"]
TITLE_AGES = {
    "senior_full": (50, 59),
    "senior_deputy": (44, 58),
    "intermediate": (32, 52),
    "junior": (25, 40),
    "none": (22, 27),
}


def _committee(maker, org, people, started: datetime.date, roles: list[str]):
    posts = list(zip(people, roles))
    return term_create(actor=maker.actor, org=org, started_on=started, ends_on=add_years(started, 3), posts=posts)


def _development(maker, org, area, subjects, counts: dict[str, int]):
    """Applicants, activists and candidates: young teachers not yet in the Party."""
    for status, n in counts.items():
        for _ in range(n):
            # Candidates were activists first: their history shows the step.
            first = "activist" if status == "candidate" else status
            person = maker.make(
                org,
                area=area,
                status=first,
                age=(23, 32),
                title=maker.rnd.choice(["junior", "none"]),
                subjects=subjects,
            )
            if first != status:
                person_update(actor=maker.actor, person=person, status=status)


def _mixed_title(rnd) -> str:
    return rnd.choices(["senior_full", "senior_deputy", "intermediate", "junior", "none"], [1, 6, 10, 8, 2])[0]


def _mixed_education(rnd) -> str:
    return rnd.choices(["postgraduate", "bachelor", "college"], [2, 12, 1])[0]


def build_feilong(maker: PersonMaker, bureau):
    area = "339901"
    org = org_create(
        actor=maker.actor,
        kind="branch",
        name="飞龙中学党支部",
        short_name="飞龙中学",
        code="FLZX",
        parent=bureau,
        unit="飞龙中学",
        established_on=datetime.date(2019, 11, 8),
        sort_order=1,
    )
    groups = [
        org_create(actor=maker.actor, kind="group", name=f"{n}党小组", code=f"FLZX-G{i}", parent=org)
        for i, n in enumerate(["第一", "第二"], start=1)
    ]
    members = []
    for i in range(27):
        title = _mixed_title(maker.rnd)
        extra = {}
        if i == 20:  # teaching at a partner school in another province: a 流动党员
            extra = {"is_mobile": True, "mobile_since": maker.today - datetime.timedelta(days=200)}
        members.append(
            maker.make(
                org,
                area=area,
                age=TITLE_AGES[title],
                title=title,
                education=_mixed_education(maker.rnd),
                group=groups[i % 2],
                **extra,
            )
        )
    _development(maker, org, area, SECONDARY_SUBJECTS, {"applicant": 2, "activist": 2, "candidate": 1})
    moved = maker.make(org, area=area, age=(30, 45))  # transferred out: off the roll, record kept
    person_leave(
        actor=maker.actor,
        person=moved,
        reason="transfer_out",
        on=maker.today - datetime.timedelta(days=90),
        note="组织关系转至江北区第二中学党支部",
    )
    _committee(
        maker,
        org,
        members[:5],
        maker.timeline.on(2024, 11, 15),
        ["secretary", "deputy_secretary", "organization_officer", "publicity_officer", "discipline_officer"],
    )
    return org, members


def build_shiyan(maker: PersonMaker, bureau):
    area = "339902"
    org = org_create(
        actor=maker.actor,
        kind="branch",
        name="江北区实验小学党支部",
        short_name="实验小学",
        code="JBSX",
        parent=bureau,
        unit="江北区实验小学",
        established_on=datetime.date(1998, 6, 26),
        sort_order=2,
    )
    groups = [
        org_create(actor=maker.actor, kind="group", name=n, code=f"JBSX-G{i}", parent=org)
        for i, n in enumerate(["低段党小组", "高段党小组", "行政后勤党小组"], start=1)
    ]
    education = SHIYAN_EDUCATION[:]
    maker.rnd.shuffle(education)
    members = []
    for i, title in enumerate(SHIYAN_TITLES):
        status = "probationary_member" if i == len(SHIYAN_TITLES) - 1 else "full_member"
        members.append(
            maker.make(
                org,
                area=area,
                status=status,
                age=TITLE_AGES[title],
                title=title,
                education=education[i],
                subjects=PRIMARY_SUBJECTS,
                group=groups[i % 3],
                gender="female" if maker.rnd.random() < 0.8 else "male",
            )
        )
    _development(maker, org, area, PRIMARY_SUBJECTS, {"applicant": 2, "activist": 1, "candidate": 1})
    _committee(
        maker,
        org,
        members[:5],
        maker.timeline.on(2025, 3, 20),
        ["secretary", "deputy_secretary", "organization_officer", "publicity_officer", "discipline_officer"],
    )
    return org, members


def build_kunshan(maker: PersonMaker, bureau):
    area = "329901"
    unit = "昆山市第二中学"
    general = org_create(
        actor=maker.actor,
        kind="general_branch",
        name="昆山市第二中学党总支",
        short_name="昆山二中",
        code="KSEZ",
        parent=bureau,
        unit=unit,
        established_on=datetime.date(2005, 9, 1),
        sort_order=3,
    )
    branches = {}
    for code, name, full, probationary in [
        ("KSEZ-1", "第一党支部", 12, 1),
        ("KSEZ-2", "第二党支部", 10, 0),
        ("KSEZ-3", "第三党支部", 9, 1),
    ]:
        org = org_create(
            actor=maker.actor,
            kind="branch",
            name=f"{unit}{name}",
            code=code,
            parent=general,
            unit=unit,
            established_on=datetime.date(2005, 9, 1),
        )
        people = []
        for i in range(full + probationary):
            title = _mixed_title(maker.rnd)
            status = "probationary_member" if i >= full else "full_member"
            people.append(
                maker.make(
                    org,
                    area=area,
                    status=status,
                    age=TITLE_AGES[title],
                    title=title,
                    education=_mixed_education(maker.rnd),
                )
            )
        branches[code] = (org, people)
    _development(maker, branches["KSEZ-1"][0], area, SECONDARY_SUBJECTS, {"activist": 2, "candidate": 1})
    retiree = org_create(
        actor=maker.actor,
        kind="branch",
        name=f"{unit}退教支部",
        code="KSEZ-T",
        parent=general,
        unit=unit,
        is_retiree=True,
        established_on=datetime.date(2008, 3, 1),
    )
    retired = []
    for i in range(15):
        extra = {}
        if i == 7:
            extra = {"is_mobile": True, "mobile_since": maker.timeline.on(2023, 5, 1)}  # lives with a child in Shanghai
        if i == 11:
            extra = {"is_lost_contact": True, "lost_contact_since": maker.timeline.on(2024, 3, 1)}
        retired.append(
            maker.make(
                retiree,
                area=area,
                age=(62, 86),
                category="retired",
                title=maker.rnd.choice(["senior_deputy", "intermediate", "intermediate"]),
                education=maker.rnd.choice(["bachelor", "college", "college", "secondary"]),
                **extra,
            )
        )
    started = maker.timeline.on(2024, 6, 28)
    _committee(
        maker,
        branches["KSEZ-1"][0],
        branches["KSEZ-1"][1][:3],
        started,
        ["secretary", "organization_officer", "publicity_officer"],
    )
    _committee(
        maker,
        branches["KSEZ-2"][0],
        branches["KSEZ-2"][1][:3],
        started,
        ["secretary", "organization_officer", "publicity_officer"],
    )
    # KSEZ-3 has 9 正式党员 and no 支部委员会: BR-03 shows on its page.
    _committee(maker, retiree, retired[:3], started, ["secretary", "organization_officer", "publicity_officer"])
    general_posts = [
        branches["KSEZ-1"][1][0],
        branches["KSEZ-2"][1][0],
        branches["KSEZ-3"][1][0],
        branches["KSEZ-1"][1][3],
        retired[0],
    ]
    _committee(
        maker,
        general,
        general_posts,
        maker.timeline.on(2024, 6, 20),
        ["secretary", "deputy_secretary", "organization_officer", "publicity_officer", "committee_member"],
    )
    return general, branches, retiree, retired
