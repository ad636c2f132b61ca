"""Demo people: plausible birth, join and confirmation dates, synthetic ID numbers.

Every record passes `check_person`: join on or after the 18th birthday, confirmation exactly one year
after joining (the 预备期), probationary members joined within the last year. ID numbers carry
fictional area codes (33 99 xx / 32 99 xx do not exist) and a valid GB 11643 check digit.
"""

import datetime
import random
from collections import defaultdict

from dangjian.lib import clock
from dangjian.lib.idcard import make as make_id
from dangjian.members.services import person_create
from dangjian.rules.periods import add_years

from .names import NameMaker
from .timeline import Timeline

ETHNIC_MINORITIES = ("回族", "满族", "土家族", "畲族", "蒙古族")
NATIVE_PLACES = (
    "浙江宁波",
    "浙江慈溪",
    "浙江余姚",
    "浙江奉化",
    "浙江舟山",
    "浙江绍兴",
    "江苏昆山",
    "江苏苏州",
    "江苏南通",
    "安徽安庆",
    "江西上饶",
    "湖南岳阳",
)
PRIMARY_SUBJECTS = ("语文", "语文", "数学", "数学", "英语", "科学", "音乐", "体育", "美术", "信息技术", "道德与法治")
SECONDARY_SUBJECTS = ("语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "道德与法治", "体育", "信息技术")


class PersonMaker:
    def __init__(self, *, actor, seed: int = 20260501, today: datetime.date | None = None):
        self.actor = actor
        self.rnd = random.Random(seed)
        self.names = NameMaker(self.rnd)
        self.today = today or clock.today()
        self.timeline = Timeline(self.today)
        self.seq = defaultdict(int)  # per area code, keeps ID numbers unique

    def _date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rnd.randrange(max(1, (end - start).days)))

    def birth_for_age(self, low: int, high: int) -> datetime.date:
        """A birth date giving an age (whole years today) between low and high."""
        return self._date_between(
            add_years(self.today, -(high + 1)) + datetime.timedelta(days=1), add_years(self.today, -low)
        )

    def make(
        self,
        org,
        *,
        area: str,
        status: str = "full_member",
        age: tuple[int, int] = (25, 55),
        gender: str | None = None,
        education: str = "bachelor",
        title: str = "intermediate",
        category: str = "employed",
        subjects=SECONDARY_SUBJECTS,
        post: str = "教师",
        group=None,
        **extra,
    ):
        rnd = self.rnd
        gender = gender or ("female" if rnd.random() < 0.62 else "male")
        birth = self.birth_for_age(*age)
        self.seq[area] += 1
        values = dict(
            name=self.names.make(gender),
            gender=gender,
            birth_date=birth,
            id_number=make_id(area, birth, self.seq[area], gender),
            ethnicity=rnd.choice(ETHNIC_MINORITIES) if rnd.random() < 0.05 else "汉族",
            native_place=rnd.choice(NATIVE_PLACES),
            education=education,
            professional_title=title,
            degree={"postgraduate": "master", "bachelor": "bachelor"}.get(education, ""),
            post=post if category == "employed" else "",
            subject=rnd.choice(subjects) if category == "employed" else "",
            phone=f"1380000{self.seq[area] + 1000 * (int(area[-2:]) % 10):04d}",
            status=status,
            category=category,
            group=group,
        )
        values.update(self._party_dates(birth, status))
        values.update(extra)
        return person_create(actor=self.actor, org=org, **values)

    def _party_dates(self, birth: datetime.date, status: str) -> dict:
        if status == "probationary_member":
            return {"join_date": self.today - datetime.timedelta(days=self.rnd.randrange(40, 330))}
        if status != "full_member":
            return {}
        # Most teachers joined at university or in their first years of teaching.
        join_age = self.rnd.choice((20, 21, 21, 22, 22, 23, 24, 25, 27, 29, 32, 36))
        join = add_years(birth, join_age) + datetime.timedelta(days=self.rnd.randrange(365))
        latest = add_years(self.today, -1) - datetime.timedelta(days=30)  # confirmed before today
        if join > latest:
            join = self._date_between(add_years(birth, 18) + datetime.timedelta(days=10), latest)
        # Branches admit new members at meetings; move to the 1st of the month for tidiness.
        join = max(join.replace(day=1), add_years(birth, 18) + datetime.timedelta(days=1))
        return {"join_date": join, "confirmation_date": add_years(join, 1)}
