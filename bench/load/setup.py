"""Prepare the load test's logins and work on top of `dangjian scale-data` (run as a Django script by run.py).

scale-data makes one secretary (sc-secretary) and two bureau officers (sc-city, sc-district). Two hundred
simulated users need more: this adds ``--secretaries`` branch secretaries (lt-sec-NNN, branches spread over the
city, each with at least 8 people on the roll) and one bureau officer per district (lt-bur-NN), all with the
scale data's password, as scale-data itself makes its users (no forced first-login password change: a load test
does not walk through that page). For each secretary's branch it records one 党员大会 held yesterday (the
attendance form to fill in) and this year's dues: a base for every member and the charges of January up to this
month (``charges_generate``), so the dues form has months to pay. Writes the plan to the JSON file named by
``--out``; re-running on the same database reuses what is there.
"""

import argparse
import datetime
import json
import random
import sys
from decimal import Decimal

import django


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--secretaries", type=int, default=40)
    ap.add_argument("--prefix", default="SC")
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    django.setup()

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction
    from django.db.models import Count, Q

    from dangjian.accounts.models import RoleAssignment

    try:  # the scale data's password; its module moves from dangjian.core to dangjian.site
        from dangjian.site.scale import PASSWORD
    except ImportError:
        from dangjian.core.scale import PASSWORD
    from dangjian.dues.models import DuesBase, DuesCharge, DuesPaymentMonth
    from dangjian.dues.services import charges_generate
    from dangjian.lib import clock
    from dangjian.meetings.models import Meeting
    from dangjian.meetings.services import meeting_create
    from dangjian.members.models import MEMBER_STATUSES, Person
    from dangjian.orgs.models import BRANCH_KINDS, Org
    from dangjian.rules import dues as rules
    from dangjian.rules.periods import add_months

    root = Org.objects.get(code=a.prefix)
    today = clock.today()
    hashed = make_password(PASSWORD)
    branches = list(
        Org.objects.filter(code__startswith=f"{a.prefix}-", kind__in=BRANCH_KINDS, is_retiree=False)
        .annotate(n=Count("people", filter=Q(people__on_roll=True, people__status__in=MEMBER_STATUSES)))
        .filter(n__gte=8)
        .order_by("code")
    )
    step = max(1, len(branches) // a.secretaries)
    chosen = branches[::step][: a.secretaries]

    def login(username, org, role, label, see_ids=False):
        user, made = User.objects.get_or_create(
            username=username, defaults={"password": hashed, "first_name": label[:150]}
        )
        if made:
            RoleAssignment.objects.create(user=user, org=org, role=role, can_see_id_numbers=see_ids)
        return user

    plan = {"root": root.code, "year": today.year, "password": PASSWORD, "secretaries": [], "officers": []}
    rnd = random.Random(2026)
    jan = datetime.date(today.year, 1, 1)
    this_month = datetime.date(today.year, today.month, 1)
    yesterday = clock.local_now().replace(hour=15, minute=0, second=0, microsecond=0) - datetime.timedelta(days=1)
    for i, org in enumerate(chosen, 1):
        with transaction.atomic():
            user = login(f"lt-sec-{i:03d}", org, "secretary", f"{org.name}书记")
            meeting = Meeting.objects.filter(org=org, topic="压测：党员大会").first()
            if meeting is None:
                meeting = meeting_create(
                    actor=user, org=org, kind="general_meeting", starts_at=yesterday, topic="压测：党员大会"
                )
            people = Person.objects.filter(org=org, on_roll=True, status__in=MEMBER_STATUSES)
            if not DuesBase.objects.filter(person__in=people).exists():
                bases = []
                for p in people:
                    cat = {"retired": "retired", "student": "student"}.get(p.category, "employed")
                    base = Decimal(rnd.randint(200000, 1200000)) / 100 if cat != "student" else Decimal("0")
                    amount = rules.monthly_dues(base, cat)
                    bases.append(
                        DuesBase(
                            person=p,
                            org=org,
                            bureau_id=p.bureau_id,
                            effective_month=datetime.date(2020, 1, 1),
                            category=cat,
                            base=base,
                            exact_amount=rules.exact_dues(base, cat),
                            standard_amount=amount,
                            amount=amount,
                        )
                    )
                DuesBase.objects.bulk_create(bases)
                month = jan
                while month <= this_month:
                    charges_generate(actor=user, org=org, month=month)
                    month = add_months(month, 1)
            # The months each member still owes (charged, not yet paid: the smoke run may have paid some).
            paid = set(DuesPaymentMonth.objects.filter(person__in=people).values_list("person_id", "month"))
            owed = {}
            for pid, month in (
                DuesCharge.objects.filter(person__in=people)
                .order_by("person_id", "month")
                .values_list("person_id", "month")
            ):
                if (pid, month) not in paid:
                    owed.setdefault(str(pid), []).append(f"{month:%Y-%m}")
            plan["secretaries"].append(
                {
                    "username": user.username,
                    "org": org.code,
                    "meeting": meeting.pk,
                    "people": list(people.order_by("pk").values_list("pk", flat=True)),
                    "owed": owed,
                }
            )
    plan["months"] = [f"{today.year}-{m:02d}" for m in range(1, today.month + 1)]
    districts = list(Org.objects.filter(parent=root).order_by("code"))
    for i, district in enumerate(districts, 1):
        user = login(f"lt-bur-{i:02d}", district, "bureau_officer", f"{district.name}工作人员")
        plan["officers"].append({"username": user.username, "org": district.code})
    plan["officers"].append({"username": f"{a.prefix.lower()}-city", "org": root.code})
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(plan, fh, ensure_ascii=False)
    print(f"secretaries {len(plan['secretaries'])}, officers {len(plan['officers'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
