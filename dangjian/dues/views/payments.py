"""The payment sheet (one row per member, a quarter at a time), the payment list and 冲正."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render

from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.orgs.selectors import org_get
from dangjian.rules.periods import month_label

from .. import selectors, services
from ..forms import PAYER_CHOICES, PaymentHeadForm, ReverseForm
from ..services.payments import reversible
from ._util import parse_month, quarter_months


class _Rollback(Exception):
    pass


def _sheet(org, months, post, people=None):
    people, owed, paid_pairs = selectors.pay_sheet(org, months, people)
    rows = []
    for p in people:
        paid = {m for m in months if (p.pk, m) in paid_pairs}
        rows.append(
            {
                "person": p,
                "owed": sum(owed.get(p.pk, {}).values(), 0),
                "amount": post.get(f"p{p.pk}-amount", ""),
                "receipt": post.get(f"p{p.pk}-receipt", ""),
                "months": [
                    (m, m in paid, owed.get(p.pk, {}).get(m), bool(post.get(f"p{p.pk}-{m:%Y%m}"))) for m in months
                ],
            }
        )
    return rows


def _with_rows(page, rows):
    page.object_list = rows
    return page


def pay(request, code):
    org = org_get(request.user, code=code, manage=True)
    # The month being worked on: the sheet shows its quarter, and saving returns to that month (not the quarter's first).
    month = parse_month(request.GET.get("month") or request.POST.get("month"))
    months = quarter_months(month)
    head = PaymentHeadForm(request.POST or None, initial={"paid_on": clock.today(), "method": "cash"})
    # A GET builds the rows of its page only (a city's sheet is 60,000 people); saving reads every row.
    page = None if request.method == "POST" else selectors.pay_sheet_page(org, request.GET.get("page"))
    rows = _sheet(org, months, request.POST, page)
    errors = []
    if request.method == "POST" and head.is_valid():
        done = 0
        try:
            with transaction.atomic():
                for row in rows:
                    p = row["person"]
                    chosen = [m for m in months if request.POST.get(f"p{p.pk}-{m:%Y%m}")]
                    amount = request.POST.get(f"p{p.pk}-amount", "").strip()
                    if not chosen and not amount:
                        continue
                    try:
                        services.payment_record(
                            actor=request.user,
                            person=p,
                            months=chosen,
                            amount=amount or None,
                            paid_on=head.cleaned_data["paid_on"],
                            method=head.cleaned_data["method"],
                            receipt_no=request.POST.get(f"p{p.pk}-receipt", ""),
                            payer_kind=request.POST.get(f"p{p.pk}-payer", "self"),
                            payer_name=request.POST.get(f"p{p.pk}-payer_name", ""),
                            confirm_catch_up=head.cleaned_data["confirm_catch_up"],
                        )
                        done += 1
                    except ValidationError as exc:
                        errors.append((p.name, "；".join(exc.messages)))
                if errors:
                    raise _Rollback
        except _Rollback:
            pass
        else:
            if done:
                messages.success(request, f"已登记{done}名党员的交费")
                return redirect(f"/dues/org/{org.code}/?month={month:%Y-%m}")
            errors.append(("", "没有勾选任何月份"))
    return render(
        request,
        "dues/pay.html",
        {
            "org": org,
            "tab": "pay",
            "month": month,
            "months": months,
            # Saving reads every row's fields that were posted; the sheet shows 50 people a page.
            "rows": page_of(request, rows) if page is None else _with_rows(page, rows),
            "head": head,
            "errors": errors,
            "payers": PAYER_CHOICES,
            "post": request.POST,
            "labels": [month_label(m) for m in months],
        },
    )


def payments(request, code):
    org = org_get(request.user, code=code, manage=True)
    qs = page_of(request, selectors.payments_of(org))  # 50 a page, every payment reachable (it showed 200 only)
    reversed_ids = selectors.reversed_payment_ids(org)
    return render(
        request, "dues/payments.html", {"org": org, "tab": "payments", "payments": qs, "reversed_ids": reversed_ids}
    )


def reverse(request, pk):
    payment = selectors.payment_get(request.user, pk)
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_reverse(actor=request.user, payment=payment, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已冲正{payment.person.name}的交费{payment.amount}元，原记录保留")
            return redirect("dues:payments", payment.org.code)
    return render(
        request,
        "dues/reverse.html",
        {"org": payment.org, "payment": payment, "form": form, "can_reverse": reversible(payment), "tab": "payments"},
    )
