"""Demo data (`dangjian demo`): an education bureau with the schools of the seeds.

Everything is written through the services (org_create, person_create, term_create), so the audit
history exists exactly as if a secretary had typed it. Deterministic for a given day: a fixed random seed,
and dates laid out from that day (timeline.py), none of them after it.
"""

import datetime

from django.contrib.auth.models import User
from django.db import transaction

from dangjian.lib import clock
from dangjian.members.models import Person
from dangjian.orgs.services import org_create

from .activity import build_activity
from .activity_assessment import build_assessment
from .logins import create_logins, format_logins, login_rows
from .people import PersonMaker
from .schools import BUREAU_CODE, build_feilong, build_kunshan, build_shiyan
from .timeline import story_year

__all__ = ["BUREAU_CODE", "build_demo", "format_logins", "login_rows"]


@transaction.atomic
def build_demo(today: datetime.date | None = None, progress=None) -> dict:
    """``progress``: called with a short Chinese line before each slow part (the command prints them)."""
    today = today or clock.today()
    say = progress or (lambda line: None)
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User(username="admin", first_name="系统管理员", is_superuser=True, is_staff=True)
        admin.set_password("admin123")
        admin.save()
        admin._demo_created = True
    say("正在创建组织和党员…")
    maker = PersonMaker(actor=admin, today=today)
    bureau = org_create(
        actor=admin,
        kind="committee",
        name="江北区教育局党委",
        short_name="区教育局党委",
        code=BUREAU_CODE,
        unit="江北区教育局",
        established_on=datetime.date(1984, 7, 1),
    )
    feilong, _ = build_feilong(maker, bureau)
    shiyan, _ = build_shiyan(maker, bureau)
    kunshan, *_ = build_kunshan(maker, bureau)
    say(f"正在生成{story_year(today)}年的工作记录（会议、发展党员、党费、党务公开等）…")
    build_activity(maker, today)  # a year of meetings, cases, dues, 公开 (activity.py)
    _analyze()  # the 考核 below reads the year just written: plan those queries with its real row counts
    say("正在创建演示账号和考核…")
    logins = create_logins({BUREAU_CODE: bureau, "FLZX": feilong, "JBSX": shiyan, "KSEZ": kunshan})
    # 考核 after the logins, so each level is entered by its own user and the status log names them
    by_name = {u.username: u for u in User.objects.filter(username__in=["jyj", "feilong"])}
    build_assessment(admin, today, users=by_name)
    if getattr(admin, "_demo_created", False):
        logins[0]["password"] = "admin123"
    people = Person.objects.filter(bureau=bureau, on_roll=True).count()
    _analyze()
    return {"bureau": bureau, "people": people, "logins": logins}


def _analyze():
    """PostgreSQL plans from table statistics, and right after a bulk load they still say "empty": the dues
    arrears query (nested NOT EXISTS) then chose nested loops and ran for minutes. ANALYZE counts the rows
    this transaction has written too, so the first pages after loading plan with real numbers."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
