"""实交 and 冲正: payments are appended, never edited; a reversal is a new negative payment."""

import datetime
import hashlib
import json
import time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Count

from dangjian.core import audit
from dangjian.lib import clock
from dangjian.rules import dues as rules
from dangjian.rules.periods import add_months

from ..models import DuesBase, DuesCharge, DuesPayment, DuesPaymentMonth, Method, PayerKind, live_line_filter
from ._common import ZERO, money, month_label, month_start, require_manage, require_member, settings_for

LOCK_RETRIES = 8
MAX_AHEAD = 12  # months that may be paid in advance
DOUBLE_PAID = "{months}的党费已有交纳记录，同一月份不能重复交纳（如原记录有误，请先冲正）"


class CatchUpNeedsConfirmation(ValidationError):
    """FEE-11: the payment reaches back more than six months; repeat with confirm_catch_up=True."""


def _month_amounts(person, months: list[datetime.date]) -> dict:
    """Amount owed per month: the generated charge, else the base in force (paying ahead)."""
    owed = dict(DuesCharge.objects.filter(person=person, month__in=months).values_list("month", "amount"))
    missing = [m for m in months if m not in owed]
    if missing:
        bases = list(
            DuesBase.objects.filter(person=person)
            .order_by("effective_month", "id")
            .values_list("effective_month", "amount")
        )
        annual = settings_for(person.org).dues_base_mode == "annual"
        for m in missing:
            target = datetime.date(m.year, 1, 1) if annual else m
            found = [a for eff, a in bases if eff <= target] or ([a for eff, a in bases if eff <= m] if annual else [])
            if found:
                owed[m] = found[-1]
            elif person.category == "student":
                owed[m] = rules.FIXED_MONTHLY
            else:
                raise ValidationError({"months": f"{month_label(m)}既没有应交记录，也没有党费基数，请先录入党费基数"})
    return owed


def live_months(person, months) -> list[datetime.date]:
    """Of ``months``, those already paid by a payment that has not been reversed."""
    return sorted(
        DuesPaymentMonth.objects.filter(
            live_line_filter(),
            person=person,
            month__in=months,
        ).values_list("month", flat=True)
    )


def _validate(person, paid_on, months, method, payer_kind, payer_name, confirm_catch_up):
    require_member(person)
    if not isinstance(paid_on, datetime.date):
        raise ValidationError({"paid_on": "交纳日期格式应为 YYYY-MM-DD"})
    if paid_on > clock.today():
        raise ValidationError({"paid_on": "交纳日期不能晚于今天"})
    if method not in Method.values:
        raise ValidationError({"method": f"交纳方式无效，可选：{'、'.join(Method.labels)}"})
    if payer_kind not in PayerKind.values:
        raise ValidationError({"payer_kind": f"交纳人无效，可选：{'、'.join(PayerKind.labels)}"})
    if payer_kind != PayerKind.SELF and not payer_name.strip():
        raise ValidationError({"payer_name": "代缴时请填写代缴人姓名（FEE-11：经支部同意可由亲属或其他党员代交）"})
    if person.join_date:
        first = rules.first_dues_month(person.join_date)
        early = [m for m in months if m < first]
        if early:
            raise ValidationError(
                {
                    "months": f"{month_label(early[0])}早于应交起始月{month_label(first)}（FEE-07：自支部大会通过之月起交纳）"
                }
            )
    limit = add_months(month_start(paid_on), MAX_AHEAD)
    if months and months[-1] > limit:
        raise ValidationError({"months": f"{month_label(months[-1])}超出可预交范围（最多预交{MAX_AHEAD}个月）"})
    if not confirm_catch_up:
        findings = rules.catch_up_findings(months, paid_on, subject=person.name)
        if findings:
            raise CatchUpNeedsConfirmation(
                {"confirm_catch_up": findings[0].message_zh + "。确需补交请勾选确认"}, code="catch_up"
            )


PAYMENTS_SCOPE = "dues.payments"
KEY_REUSED = "该 Idempotency-Key 已用于另一笔交费"


def request_hash(**fields) -> str:
    """SHA-256 of the canonical request: fields as JSON with sorted keys, months as a sorted set of
    YYYY-MM, money as a normalised decimal, text stripped — so the same payment hashes the same
    however the client spelled it."""
    canon = {}
    for name, value in fields.items():
        if name == "months":
            value = sorted({f"{month_start(m):%Y-%m}" for m in value or ()})
        elif name == "amount":
            value = None if value in (None, "") else str(Decimal(str(value)).normalize())
        elif isinstance(value, (datetime.date, Decimal)):
            value = str(value)
        elif isinstance(value, str):
            value = value.strip()
        canon[name] = value
    return hashlib.sha256(json.dumps(canon, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _replay(user, scope: str, key: str, digest: str) -> DuesPayment | None:
    """The payment this user already made with this key on this endpoint; 422 when the body differs."""
    found = DuesPayment.objects.filter(entered_by=user, idempotency_scope=scope, idempotency_key=key).first()
    if found is not None and found.request_hash and found.request_hash != digest:
        raise ValidationError({"idempotency_key": KEY_REUSED})
    return found


def payment_record(
    *,
    actor,
    person,
    paid_on,
    months=(),
    amount=None,
    method: str = Method.CASH,
    receipt_no: str = "",
    payer_kind: str = PayerKind.SELF,
    payer_name: str = "",
    note: str = "",
    idempotency_key: str | None = None,
    confirm_catch_up: bool = False,
) -> DuesPayment:
    """Record one payment covering ``months`` (one month, a quarter, or a 补交).

    ``amount`` defaults to the sum owed for the months; anything above that is a voluntary extra
    payment (FEE-10: ≥ 1000 yuan → routed wholly to the Centre). A month already paid by a live
    payment is refused, here and by the database constraint. With an ``idempotency_key`` this user
    already used for the same payment, the original payment is returned unchanged (see
    ``payment_record_once``); for a different payment, 422.
    """
    return payment_record_once(
        actor=actor,
        person=person,
        paid_on=paid_on,
        months=months,
        amount=amount,
        method=method,
        receipt_no=receipt_no,
        payer_kind=payer_kind,
        payer_name=payer_name,
        note=note,
        idempotency_key=idempotency_key,
        confirm_catch_up=confirm_catch_up,
    )[0]


def payment_record_once(
    *,
    actor,
    person,
    paid_on,
    months=(),
    amount=None,
    method: str = Method.CASH,
    receipt_no: str = "",
    payer_kind: str = PayerKind.SELF,
    payer_name: str = "",
    note: str = "",
    idempotency_key: str | None = None,
    confirm_catch_up: bool = False,
    scope: str = PAYMENTS_SCOPE,
) -> tuple[DuesPayment, bool]:
    """payment_record that also says whether this call wrote the payment (False: a replayed key).

    Concurrent requests with one key: the unique constraint (user, scope, key) lets one insert win;
    the others hit IntegrityError (or find the months paid) inside their savepoint, re-read and get
    the winner's payment. Every read and write is inside the retry loop because SQLite's shared
    cache answers a read of a table another connection is writing with "table is locked".
    """
    require_manage(actor, person.org)
    key = (idempotency_key or "").strip() or None
    user = actor if getattr(actor, "is_authenticated", False) else None
    digest = ""
    if key:
        try:
            digest = request_hash(
                person=person.pk,
                paid_on=paid_on,
                months=months,
                amount=amount,
                method=method,
                receipt_no=receipt_no,
                payer_kind=payer_kind,
                payer_name=payer_name,
                note=note,
                confirm_catch_up=bool(confirm_catch_up),
            )
        except (TypeError, ValueError, ArithmeticError):
            digest = "unparsable"  # the validation below names the bad field
    for attempt in range(LOCK_RETRIES + 1):
        try:
            if key:
                found = _replay(user, scope, key, digest)
                if found is not None:
                    return found, False
            payment, months, owed, total = _prepare(
                actor,
                person,
                paid_on,
                months,
                amount,
                method,
                receipt_no,
                payer_kind,
                payer_name,
                note,
                confirm_catch_up,
            )
            payment.idempotency_key, payment.idempotency_scope, payment.request_hash = (
                key,
                scope if key else "",
                digest,
            )
            try:
                _write(actor, person, payment, months, owed, total, paid_on, method)
            except (IntegrityError, ValidationError) as exc:
                # Lost a race: another request with this key won (replay), or the months are paid.
                found = _replay(user, scope, key, digest) if key else None
                if found is not None:
                    return found, False
                if isinstance(exc, ValidationError):
                    raise
                taken = live_months(person, months) or months
                raise ValidationError(
                    {"months": DOUBLE_PAID.format(months="、".join(map(month_label, taken)))}
                ) from exc
            return payment, True
        except OperationalError as exc:  # SQLite shared-cache "table is locked": wait and re-check
            if "locked" not in str(exc) or attempt == LOCK_RETRIES:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _prepare(
    actor, person, paid_on, months, amount, method, receipt_no, payer_kind, payer_name, note, confirm_catch_up
):
    """Validate and build the (unsaved) payment: (payment, months, owed per month, total)."""
    try:
        months = sorted({month_start(m) for m in months})
    except (TypeError, ValueError):
        raise ValidationError({"months": "月份格式应为 YYYY-MM"})
    _validate(person, paid_on, months, method, payer_kind, payer_name, confirm_catch_up)
    owed = _month_amounts(person, months) if months else {}
    dues_total = sum(owed.values(), ZERO)
    total = dues_total if amount in (None, "") else money(amount, "amount", "金额")
    if not months and total <= 0:
        raise ValidationError({"months": "请选择所交月份，或填写自愿多交的金额"})
    if total < dues_total:
        raise ValidationError({"amount": f"金额{total}元少于所选月份应交合计{dues_total}元"})
    extra = total - dues_total
    payment = DuesPayment(
        person=person,
        org_id=person.org_id,
        bureau_id=person.bureau_id,
        paid_on=paid_on,
        method=method,
        receipt_no=receipt_no.strip(),
        payer_kind=payer_kind,
        payer_name=payer_name.strip(),
        amount=total,
        voluntary_amount=extra,
        is_voluntary_extra=extra > 0,
        to_central=extra > 0 and rules.voluntary_to_central(extra),
        catch_up_confirmed=bool(confirm_catch_up and rules.catch_up_findings(months, paid_on)),
        note=note.strip(),
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return payment, months, owed, total


def _write(actor, person, payment, months, owed, total, paid_on, method) -> None:
    with transaction.atomic():
        taken = live_months(person, months)
        if taken:
            raise ValidationError({"months": DOUBLE_PAID.format(months="、".join(map(month_label, taken)))})
        payment.save()
        reversals = dict(
            DuesPaymentMonth.objects.filter(person=person, month__in=months, is_reversal=True)
            .values("month")
            .annotate(n=Count("id"))
            .values_list("month", "n")
        )
        DuesPaymentMonth.objects.bulk_create(
            [
                DuesPaymentMonth(
                    payment=payment,
                    bureau_id=payment.bureau_id,
                    person=person,
                    month=m,
                    amount=owed[m],
                    seq=reversals.get(m, 0),
                )
                for m in months
            ]
        )
        audit.record(
            actor=actor,
            org=person.org,
            kind="dues.payment",
            subject=person,
            data={
                "payment": payment.pk,
                "amount": str(total),
                "months": [m.isoformat() for m in months],
                "paid_on": paid_on.isoformat(),
                "method": method,
                "receipt_no": payment.receipt_no,
            },
        )


def payment_reverse(*, actor, payment: DuesPayment, reason: str, on: datetime.date | None = None) -> DuesPayment:
    """冲正: append a negative payment that cancels ``payment`` (all its months) and frees them."""
    require_manage(actor, payment.org)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写冲正原因"})
    if payment.reverses_id:
        raise ValidationError({"reason": "冲正记录本身不能再冲正"})
    on = on or clock.today()
    lines = list(payment.lines.all())
    reversal = DuesPayment(
        person_id=payment.person_id,
        org_id=payment.org_id,
        bureau_id=payment.bureau_id,
        paid_on=on,
        method=payment.method,
        receipt_no=payment.receipt_no,
        payer_kind=payment.payer_kind,
        payer_name=payment.payer_name,
        amount=-payment.amount,
        voluntary_amount=-payment.voluntary_amount,
        is_voluntary_extra=payment.is_voluntary_extra,
        to_central=payment.to_central,
        reverses=payment,
        reason=reason,
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            reversal.save()
            DuesPaymentMonth.objects.bulk_create(
                [
                    DuesPaymentMonth(
                        payment=reversal,
                        bureau_id=reversal.bureau_id,
                        person_id=ln.person_id,
                        month=ln.month,
                        amount=-ln.amount,
                        seq=ln.seq,
                        is_reversal=True,
                    )
                    for ln in lines
                ]
            )
            audit.record(
                actor=actor,
                org=payment.org,
                kind="dues.reversal",
                subject=payment.person,
                data={"payment": payment.pk, "reversal": reversal.pk, "reason": reason, "amount": str(reversal.amount)},
            )
    except IntegrityError as exc:
        raise ValidationError({"reason": "这笔交费已经冲正过，不能重复冲正"}) from exc
    return reversal


def reversible(payment: DuesPayment) -> bool:
    return payment.reverses_id is None and not DuesPayment.objects.filter(reverses=payment).exists()
