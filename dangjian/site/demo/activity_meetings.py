"""Demo organisational life: a year of meetings for every school branch, through meetings.services.

Only past-dated meetings are recorded (the service refuses future ones). One deliberate gap: 飞龙中学 holds no
支部党员大会 in the third quarter, so the summary's 存在的问题 names a real shortcoming.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from dangjian.meetings.services import attendance_set, meeting_create
from dangjian.members.models import MEMBER_STATUSES, Person
from dangjian.orgs.selectors import current_committee

GAP = ("FLZX", "general_meeting", 3)  # (branch, kind, quarter) deliberately not held in the story year
LEAVE_REASONS = ("外出培训", "病假", "带学生外出参赛", "家中有事", "公差外出", "参加区教研活动")
THEME_DAYS = (
    "新春走访慰问困难党员和退休老教师",
    "学雷锋志愿服务进社区",
    "清明祭英烈 缅怀革命先烈",
    "参观江北区革命纪念馆",
    "师德师风主题承诺践诺",
    "七一重温入党誓词",
    "志愿服务进社区 护航暑期安全",
    "参观浙东抗日根据地旧址",
    "教师节“身边的好党员”分享会",
    "学习贯彻党的二十届三中全会精神",
    "宪法宣传进校园",
    "年终述学评学",
)
COMMITTEE_TOPICS = (
    "研究年度党建工作计划",
    "研究发展党员工作",
    "研究党费收缴和使用",
    "研究主题党日活动安排",
    "研究“三会一课”落实情况",
    "研究师德师风建设",
    "研究暑期党员志愿服务",
    "研究党员发展对象培养考察",
    "研究新学期党建与教学融合工作",
    "研究民主评议党员准备工作",
    "研究年终党建工作总结",
    "研究下年度工作计划",
)
GENERAL_TOPICS = (
    "学习党的二十届三中全会精神，部署年度党建工作",
    "学习《中国共产党纪律处分条例》，开展党纪学习教育",
    "通报上半年党建工作，讨论发展党员工作",
    "学习贯彻全国教育大会精神，总结全年工作",
)
LECTURE_TOPICS = (
    "书记讲党课：以高质量党建引领学校高质量发展",
    "学习《习近平关于教育的重要论述》",
    "从党史中汲取教书育人的力量",
    "坚定理想信念，争做四有好老师",
)
GROUP_TOPICS = (
    "学习《中国共产党章程》",
    "交流师德师风心得",
    "学习二十届三中全会公报",
    "讨论“双减”背景下作业设计",
    "学习《新时代中小学教师职业行为十项准则》",
    "交流党员先锋岗创建体会",
)


def _at(day: datetime.date, hour: int = 15, minute: int = 30):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


class MeetingMaker:
    def __init__(self, *, actor, rnd, today: datetime.date, gap_year: int | None = None):
        self.actor, self.rnd, self.today = actor, rnd, today
        self.gap_year = gap_year or today.year
        self.count = 0
        self.shifts: dict[int, int] = {}  # org id → its day offset, the same every year

    def _rows(self, people: list[Person], leave_max: int = 2) -> list[dict]:
        rows = [{"person_id": p.id, "status": "present", "reason": ""} for p in people]
        if len(rows) > 4:
            for row in self.rnd.sample(rows, self.rnd.randint(0, leave_max)):
                row.update(status="leave", reason=self.rnd.choice(LEAVE_REASONS))
        return rows

    def hold(self, org, kind, day, topic, people, **fields):
        if day >= self.today:
            return None
        people = [p for p in people if p.join_date is None or p.join_date <= day]  # members by then
        m = meeting_create(
            actor=self.actor,
            org=org,
            kind=kind,
            starts_at=_at(day),
            topic=topic,
            ends_at=_at(day, 17, 0),
            place=fields.pop("place", "学校党员活动室"),
            **fields,
        )
        attendance_set(actor=self.actor, meeting=m, rows=self._rows(people))
        self.count += 1
        return m

    def branch_year(self, org, year: int) -> None:
        _, posts = current_committee(org)
        committee = [p.person for p in posts]
        members = list(Person.objects.filter(org=org, on_roll=True, status__in=MEMBER_STATUSES).order_by("id"))
        if not members:
            return
        # A branch without a committee (BR-03) still has a secretary who chairs and lectures.
        secretary = next((p.person for p in posts if p.role == "secretary"), committee[0] if committee else members[0])
        recorder = next((p.person for p in posts if p.role == "organization_officer"), secretary)
        shift = self.shifts.setdefault(org.id, len(self.shifts))  # branches of one school meet on different days
        groups = list(org.children.filter(kind="group").order_by("code"))
        chair = {"host": secretary, "recorder": recorder}
        hours = {"study_hours": Decimal("2.0")}
        for q in range(1, 5):
            if (org.code, "general_meeting", q) != GAP or year != self.gap_year:
                self.hold(
                    org,
                    "general_meeting",
                    datetime.date(year, 3 * q - 1, 10 + shift),
                    GENERAL_TOPICS[q - 1],
                    members,
                    **chair,
                    **hours,
                )
            topic = (q - 1 + shift) % 4  # topics 0 and 2 are the secretary's own 党课
            lecturer = {"lecturer": secretary} if topic in (0, 2) else {"lecturer_name": "区委党校讲师王建华"}
            self.hold(
                org,
                "party_lecture",
                datetime.date(year, 3 * q - 2, 20 + shift),
                LECTURE_TOPICS[topic],
                members,
                host=secretary,
                recorder=recorder,
                **lecturer,
                **hours,
            )
        for month in range(1, 13):
            if committee and len(committee) >= 3:
                self.hold(
                    org,
                    "committee_meeting",
                    datetime.date(year, month, 3 + shift),
                    COMMITTEE_TOPICS[month - 1],
                    committee,
                    **chair,
                )
            day = datetime.date(year, month, 14 + shift if month != 7 else 1 + shift)
            self.hold(
                org,
                "theme_day",
                day,
                THEME_DAYS[month - 1],
                members,
                host=secretary,
                recorder=recorder,
                place="",
                **hours,
            )
            for g in groups:
                people = [p for p in members if p.group_id == g.id]
                self.hold(
                    org,
                    "group_meeting",
                    datetime.date(year, month, 12),
                    GROUP_TOPICS[month % len(GROUP_TOPICS)],
                    people,
                    group=g,
                    study_hours=Decimal("1.0"),
                )
        self.hold(
            org,
            "org_life_review",
            datetime.date(year, 2, 26),
            f"{year - 1}年度组织生活会",
            members,
            **chair,
            agenda="对照检查，开展批评和自我批评",
        )
        self.hold(org, "appraisal", datetime.date(year, 2, 27), f"{year - 1}年度民主评议党员", members, **chair)
        for i, person in enumerate(self.rnd.sample(members, min(3, len(members)))):
            day = datetime.date(year, 4 + 3 * i, 8)
            if secretary and person.id != secretary.id and day < self.today:
                meeting_create(
                    actor=self.actor,
                    org=org,
                    kind="heart_to_heart_talk",
                    starts_at=_at(day),
                    topic="谈心谈话：工作与思想情况",
                    host=secretary,
                    participants=[person],
                )
                self.count += 1
