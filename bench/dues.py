"""党费 at city scale: a year of bases, charges and payments, then the timed operations.

``run(root_org) -> dict`` first prepares (once; re-runs reuse what is there) a base for every member of
``root_org``'s subtree (employed 2,000–12,000 yuan, retired by pension, some students), the charges of every
elapsed month of the current year (each generated with ``charges_generate``, so the setup itself is timed:
``setup_generate_s``), and one payment per member covering the months from January up to a random month
(about 80 % of charges paid, so there are arrears). Then it measures:

* ``generate_month_s``: ``charges_generate(root, <December of this year>)`` on a month with no charges
  (the bench month's charges are removed with raw SQL before each run — bench database only) — target ≤ 5 s;
* ``regenerate_month_s``: the same call again (idempotent: creates nothing);
* ``annual_report_ms``: median of ``annual_summary(root, year)`` + ``annual_total(root, year)`` — target ≤ 2000;
* ``annual_xlsx_ms`` (the downloadable summary), ``monthly_rows_branch_ms`` (one branch's month page data),
  ``arrears_root_ms`` (every member's unpaid run under the root), ``todos_ms`` (todos_for the root's officer).
"""

import datetime
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import median_ms, script_main  # noqa: E402

BATCH = 5000


def _prepare(root, today, actor, seed=2026) -> dict:
    from django.db.models import Max

    from dangjian.dues.models import DuesBase, DuesCharge, DuesPayment, DuesPaymentMonth
    from dangjian.dues.services import charges_generate
    from dangjian.members.models import MEMBER_STATUSES, Person
    from dangjian.orgs.selectors import subtree_ids
    from dangjian.rules import dues as rules
    from dangjian.rules.periods import add_months

    out = {}
    people = Person.objects.filter(org_id__in=subtree_ids(root), on_roll=True, status__in=MEMBER_STATUSES)
    rnd = random.Random(seed)
    jan = datetime.date(today.year, 1, 1)
    if not DuesBase.objects.filter(person__in=people).exists():
        t0 = time.perf_counter()
        batch = []
        for pid, org_id, bureau_id, category in people.values_list("id", "org_id", "bureau_id", "category").iterator():
            cat = {"retired": "retired", "student": "student"}.get(category, "employed")
            base = Decimal(rnd.randint(200000, 1200000)) / 100 if cat != "student" else Decimal("0")
            exact = rules.exact_dues(base, cat)
            amount = rules.monthly_dues(base, cat)
            batch.append(
                DuesBase(
                    person_id=pid,
                    org_id=org_id,
                    bureau_id=bureau_id,
                    effective_month=datetime.date(2020, 1, 1),
                    category=cat,
                    base=base,
                    exact_amount=exact,
                    standard_amount=amount,
                    amount=amount,
                )
            )
            if len(batch) >= BATCH:
                DuesBase.objects.bulk_create(batch)
                batch = []
        DuesBase.objects.bulk_create(batch)
        out["bases_s"] = round(time.perf_counter() - t0, 1)
    last = add_months(datetime.date(today.year, today.month, 1), -1)
    if not DuesCharge.objects.filter(person__in=people, month=jan).exists() and last >= jan:
        t0 = time.perf_counter()
        month = jan
        while month <= last:
            charges_generate(actor=actor, org=root, month=month)
            month = add_months(month, 1)
        out["setup_generate_s"] = round(time.perf_counter() - t0, 1)
        out["setup_months"] = last.month
    if not DuesPayment.objects.filter(person__in=people, paid_on__year=today.year).exists() and last >= jan:
        t0 = time.perf_counter()
        owed: dict[int, list] = {}
        for pid, month, amount, org_id, bureau_id in (
            DuesCharge.objects.filter(person__in=people, month__gte=jan, month__lte=last)
            .order_by("person_id", "month")
            .values_list("person_id", "month", "amount", "org_id", "bureau_id")
            .iterator()
        ):
            owed.setdefault(pid, []).append((month, amount, org_id, bureau_id))
        next_id = (DuesPayment.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        pays, lines = [], []
        for pid, months in owed.items():
            k = len(months) if rnd.random() < 0.7 else rnd.randint(0, len(months))
            if k == 0:
                continue
            covered = months[:k]
            paid_on = min(today, add_months(covered[-1][0], 1))
            pays.append(
                DuesPayment(
                    id=next_id,
                    person_id=pid,
                    org_id=covered[0][2],
                    bureau_id=covered[0][3],
                    paid_on=paid_on,
                    method=rnd.choice(["cash", "transfer", "wechat", "alipay"]),
                    amount=sum((a for _, a, _, _ in covered), Decimal("0")),
                )
            )
            lines += [
                DuesPaymentMonth(payment_id=next_id, bureau_id=covered[0][3], person_id=pid, month=m, amount=a)
                for m, a, _, _ in covered
            ]
            next_id += 1
            if len(lines) >= BATCH * 4:
                DuesPayment.objects.bulk_create(pays, batch_size=BATCH)
                DuesPaymentMonth.objects.bulk_create(lines, batch_size=BATCH)
                pays, lines = [], []
        DuesPayment.objects.bulk_create(pays, batch_size=BATCH)
        DuesPaymentMonth.objects.bulk_create(lines, batch_size=BATCH)
        out["payments_s"] = round(time.perf_counter() - t0, 1)
    out["members"] = people.count()
    out["charges"] = DuesCharge.objects.filter(person__in=people).count()
    out["payment_lines"] = DuesPaymentMonth.objects.filter(person__in=people).count()
    return out


def run(root_org, *, runs: int = 5) -> dict:
    from django.db import connection
    from django.utils import timezone

    from bench.db import officer
    from dangjian.dues.models import DuesCharge
    from dangjian.dues.reports import build
    from dangjian.dues.selectors import annual_summary, annual_total, arrears, monthly_rows
    from dangjian.dues.services import charges_generate
    from dangjian.dues.todos import todos_for
    from dangjian.orgs.models import BRANCH_KINDS, Org

    today = timezone.localdate()
    user = officer(root_org, "bench-dues")
    figures = {"prepare": _prepare(root_org, today, user)}
    bench_month = datetime.date(today.year, 12, 1)
    with connection.cursor() as cur:  # bench database only: make the bench month fresh again
        cur.execute(
            f"DELETE FROM {DuesCharge._meta.db_table} WHERE month = %s",
            [connection.ops.adapt_datefield_value(bench_month)],
        )
    t0 = time.perf_counter()
    first = charges_generate(actor=user, org=root_org, month=bench_month)
    figures["generate_month_s"] = round(time.perf_counter() - t0, 2)
    figures["generate_month_created"] = first["created"]
    t0 = time.perf_counter()
    again = charges_generate(actor=user, org=root_org, month=bench_month)
    figures["regenerate_month_s"] = round(time.perf_counter() - t0, 2)
    figures["regenerate_month_created"] = again["created"]
    year = today.year
    figures["annual_total"] = str(annual_total(root_org, year))
    figures["annual_report_ms"] = median_ms(
        lambda: (annual_summary(root_org, year), annual_total(root_org, year)), runs
    )
    figures["annual_xlsx_ms"] = median_ms(
        lambda: build.render("annual", "xlsx", org=root_org, month=None, year=year, today=today), max(1, runs // 2)
    )
    branch = Org.objects.filter(path__startswith=root_org.path, kind__in=BRANCH_KINDS).order_by("path").first()
    if branch:
        month = datetime.date(today.year, max(today.month - 1, 1), 1)
        figures["monthly_rows_branch_ms"] = median_ms(lambda: monthly_rows(branch, month), runs)
    figures["arrears_root_ms"] = median_ms(lambda: arrears(root_org, today), max(1, runs // 2))
    figures["arrears_members"] = len(arrears(root_org, today))
    figures["todos_ms"] = median_ms(lambda: todos_for(user, today), max(1, runs // 2))
    figures["todos_items"] = len(todos_for(user, today))
    figures["target_generate_s"] = 5
    figures["target_annual_ms"] = 2000
    return figures


if __name__ == "__main__":  # .venv/bin/python bench/dues.py ROOTCODE (with DANGJIAN_DATA_DIR set)
    script_main(run)
