"""Synthetic people with realistic distributions; every record passes members.validation.check_person."""

import datetime
import random
from functools import lru_cache

from dangjian.lib.idcard import make as make_id
from dangjian.lib.pinyin import name_pinyin
from dangjian.lib.strokes import stroke_key
from dangjian.members.models import Person
from dangjian.rules.periods import add_years

from . import pools


@lru_cache(maxsize=None)
def _keys(name: str) -> tuple[str, str]:
    return stroke_key(name), name_pinyin(name)


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    span = (end - start).days
    return start + datetime.timedelta(days=rng.randint(0, max(0, span)))


class PeopleMaker:
    def __init__(self, rng: random.Random, *, today: datetime.date, taken_ids: set[str], area_codes: list[str]):
        self.rng, self.today, self.taken, self.areas = rng, today, taken_ids, area_codes
        self.seq = 0

    def _id_number(self, area: str, birth: datetime.date, gender: str) -> str:
        while True:
            self.seq += 1
            number = make_id(area, birth, self.seq, gender)
            if number not in self.taken:
                self.taken.add(number)
                return number

    def person(self, org, *, retired: bool, area: str, group=None) -> Person:
        rng, today = self.rng, self.today
        if retired:
            category = "retired" if rng.random() < 0.97 else "other"
            age = int(rng.triangular(58, 92, 66))
            gender = "female" if rng.random() < 0.52 else "male"
            status = "full_member"
        else:
            roll = rng.random()
            category = "employed" if roll < 0.95 else ("other" if roll < 0.985 else "retired")
            age = int(rng.triangular(23, 60, 42))
            gender = "female" if rng.random() < 0.64 else "male"
            status = pools.weighted(rng, pools.STATUS_EMPLOYED)
        birth = _day(rng, add_years(today, -age - 1) + datetime.timedelta(days=1), add_years(today, -age))
        name = pools.person_name(rng, gender)
        sk, py = _keys(name)
        p = Person(
            bureau_id=org.bureau_id,
            org=org,
            group=group,
            name=name,
            gender=gender,
            ethnicity=pools.weighted(rng, pools.ETHNICITIES),
            birth_date=birth,
            id_number=self._id_number(area, birth, gender),
            native_place=rng.choice(pools.NATIVE_PLACES),
            status=status,
            category=category,
            stroke_key=sk,
            pinyin=py,
            phone=f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}",
        )
        self._education(p, retired)
        self._party_dates(p, birth)
        self._flags(p, retired)
        return p

    def _education(self, p: Person, retired: bool) -> None:
        rng = self.rng
        p.education = pools.weighted(rng, pools.EDUCATION_RETIRED if retired else pools.EDUCATION_EMPLOYED)
        if p.education == "postgraduate":
            p.degree = "doctor" if rng.random() < 0.08 else "master"
        elif p.education == "bachelor":
            p.degree = "bachelor" if rng.random() < 0.85 else ""
        age = self.today.year - p.birth_date.year
        if retired:
            p.professional_title = pools.weighted(rng, pools.TITLE_RETIRED)
            p.post = pools.weighted(rng, pools.RETIREE_POSTS)
        else:
            p.professional_title = pools.title_for_age(rng, age)
            p.post = pools.weighted(rng, pools.POSTS)
            if p.post in ("教师", "班主任", "教研组长", "年级组长"):
                p.subject = rng.choice(pools.SUBJECTS)

    def _party_dates(self, p: Person, birth: datetime.date) -> None:
        rng, today = self.rng, self.today
        earliest = add_years(birth, 18) + datetime.timedelta(days=1)
        if p.status == "full_member":
            latest = today - datetime.timedelta(days=400)
            # Most teachers join in their twenties or thirties.
            typical = add_years(birth, int(rng.triangular(19, 50, 26)))
            join = min(max(typical, earliest), latest)
            if join < earliest:  # too young to be a full member: make them probationary instead
                p.status = "probationary_member"
            else:
                p.join_date = join
                p.confirmation_date = add_years(join, 1) + datetime.timedelta(days=rng.randint(0, 20))
                return
        if p.status == "probationary_member":
            start = max(earliest, today - datetime.timedelta(days=330))
            if start >= today:
                p.status = "activist"
                return
            p.join_date = _day(rng, start, today - datetime.timedelta(days=1))

    def _flags(self, p: Person, retired: bool) -> None:
        rng, today = self.rng, self.today
        if not p.join_date:
            return
        roll = rng.random()
        if roll < 0.01:
            p.is_mobile = True
            p.mobile_since = _day(rng, max(p.join_date, today - datetime.timedelta(days=1500)), today)
        elif roll < 0.012:
            p.is_lost_contact = True
            p.lost_contact_since = _day(rng, max(p.join_date, today - datetime.timedelta(days=2000)), today)
        elif roll < 0.017:
            p.on_roll = False
            p.left_reason = "deceased" if retired else rng.choice(["transfer_out", "transfer_out", "other"])
            p.left_on = _day(rng, max(p.join_date, today - datetime.timedelta(days=1000)), today)
            p.left_note = "组织关系转出" if p.left_reason == "transfer_out" else ""
