"""党费 ledger: bases, monthly charges, payments (append-only), remittances and reconciliations.

Money is Decimal (max_digits=12, decimal_places=2) everywhere. Months are the date of their first day.

Append-only: every model here refuses to update an existing row (``save`` on a saved row raises) and
refuses ``delete``. A wrong payment is reversed by a new payment with negative lines.

Two payments for one member-month cannot both count — enforced by the database, insert-only:
each payment line carries ``seq`` = how many reversals that member-month had when it was written,
and (person, month, seq, is_reversal) is unique. A second live payment for the month would need
the same seq as the live one and is refused; a reversal writes the negative line with the
original's seq, so the next payment takes seq + 1 and the month is free again.
A month counts as paid when it has more positive lines than reversal lines.
"""

from django.conf import settings
from django.db import models

from dangjian.rules.dues import CATEGORIES

MONEY = dict(max_digits=12, decimal_places=2)


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("党费账目只能追加，不能修改；请用冲正记录更正")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("党费账目只能追加，不能删除；请用冲正记录更正")


class DuesCategory(models.TextChoices):
    EMPLOYED = "employed", CATEGORIES["employed"]
    RETIRED = "retired", CATEGORIES["retired"]
    STUDENT = "student", CATEGORIES["student"]
    UNEMPLOYED = "unemployed", CATEGORIES["unemployed"]
    LOW_INCOME = "low_income", CATEGORIES["low_income"]
    FARMER = "farmer", CATEGORIES["farmer"]


class BaseMode(models.TextChoices):
    PER_MONTH = "per_month", "按月核定"
    ANNUAL = "annual", "年初核定"


class Reduction(models.TextChoices):
    NONE = "none", "无"
    REDUCED = "reduced", "减交"
    EXEMPT = "exempt", "免交"


class DuesBase(AppendOnly):
    """A member's dues base from ``effective_month`` on (FEE-01/03/04/05/09); a new row per change.

    The row in force for a month is the latest ``effective_month`` ≤ that month (ties: latest id).
    ``amount`` is what the member owes per month (after an approved reduction, FEE-06);
    ``standard_amount`` what the rules give without it; ``exact_amount`` is unrounded (FEE-13).
    """

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="dues_bases")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    effective_month = models.DateField("起始月份")
    category = models.CharField("交纳类别", max_length=20, choices=DuesCategory.choices, default=DuesCategory.EMPLOYED)
    components = models.JSONField("工资项目", default=dict, blank=True)
    income_tax = models.DecimalField("个人所得税", default=0, **MONEY)
    social_insurance = models.DecimalField("个人缴纳社会保险和公积金", default=0, **MONEY)
    base = models.DecimalField("党费基数", **MONEY)
    exact_amount = models.DecimalField("精确应交额", max_digits=16, decimal_places=6)
    standard_amount = models.DecimalField("按比例应交额", **MONEY)
    amount = models.DecimalField("每月应交", **MONEY)
    mode = models.CharField("基数核定方式", max_length=10, choices=BaseMode.choices, default=BaseMode.PER_MONTH)
    reduction = models.CharField("减免", max_length=10, choices=Reduction.choices, default=Reduction.NONE)
    approved_by = models.CharField("批准组织", max_length=100, blank=True)
    approved_on = models.DateField("批准日期", null=True, blank=True)
    approval_doc = models.CharField("批准文号", max_length=100, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["person", "effective_month", "id"])]


class DuesCharge(AppendOnly):
    """What a member owes for one month (应交), generated per org and month; one per member-month."""

    # FK columns are covered by the composite indexes below: no single-column indexes to maintain
    # on the 60,000-row monthly insert.
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="dues_charges", db_index=False)
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", db_index=False)
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", db_index=False)
    month = models.DateField("月份")
    amount = models.DecimalField("应交金额", **MONEY)
    base_ref = models.ForeignKey(DuesBase, null=True, on_delete=models.PROTECT, related_name="+", db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "month"], name="dues_one_charge_per_member_month")]
        indexes = [models.Index(fields=["org", "month"]), models.Index(fields=["bureau", "month"])]


class Method(models.TextChoices):
    CASH = "cash", "现金"
    TRANSFER = "transfer", "转账"
    WECHAT = "wechat", "微信"
    ALIPAY = "alipay", "支付宝"
    OTHER = "other", "其他"


class PayerKind(models.TextChoices):
    SELF = "self", "本人"
    PROXY_MEMBER = "proxy_member", "其他党员代缴"
    RELATIVE = "relative", "亲属代缴"


class DuesPayment(AppendOnly):
    """One receipt (实交) — or, with ``reverses`` set, the reversal (冲正) of one."""

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="dues_payments", db_index=False)
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", db_index=False)
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    paid_on = models.DateField("交纳日期")
    method = models.CharField("交纳方式", max_length=10, choices=Method.choices, default=Method.CASH)
    receipt_no = models.CharField("收据号", max_length=50, blank=True)
    payer_kind = models.CharField("交纳人", max_length=20, choices=PayerKind.choices, default=PayerKind.SELF)
    payer_name = models.CharField("代缴人姓名", max_length=50, blank=True)
    amount = models.DecimalField("金额", **MONEY)
    voluntary_amount = models.DecimalField("自愿多交", default=0, **MONEY)
    is_voluntary_extra = models.BooleanField("自愿多交党费", default=False)
    to_central = models.BooleanField("全部上缴中央（FEE-10）", default=False)
    catch_up_confirmed = models.BooleanField("已确认补交超过六个月", default=False)
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by")
    reason = models.CharField("冲正原因", max_length=200, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    # Idempotency-Key: scoped per user (entered_by) and endpoint (scope), unique in the database below;
    # request_hash is the SHA-256 of the canonical request, so a replay with another body is refused.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)
    idempotency_scope = models.CharField(max_length=50, blank=True, default="")
    request_hash = models.CharField(max_length=64, blank=True, default="")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["org", "paid_on"]), models.Index(fields=["person", "paid_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reverses__isnull=True) | ~models.Q(reason=""), name="dues_reversal_needs_reason"
            ),
            models.UniqueConstraint(
                fields=["entered_by", "idempotency_scope", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="dues_one_payment_per_user_scope_key",
            ),
        ]

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


class DuesPaymentMonth(AppendOnly):
    """One month a payment covers; reversal lines are negative and carry the original's seq."""

    payment = models.ForeignKey(DuesPayment, on_delete=models.PROTECT, related_name="lines")
    # Tenant key (issue 20): the bureau the row belongs to, so a deployment can shard by bureau; set from the payment.
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", db_index=False)
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+", db_index=False)
    month = models.DateField("月份")
    amount = models.DecimalField("金额", **MONEY)
    seq = models.PositiveIntegerField(default=0)
    is_reversal = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month", "seq", "is_reversal"], name="dues_one_live_payment_per_member_month"
            )
        ]


class DuesRemittance(AppendOnly):
    """Money passed up (上缴) to the superior org for a period."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    to_org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField("所属期间起")
    period_end = models.DateField("所属期间止")
    amount = models.DecimalField("上缴金额", **MONEY)
    remitted_on = models.DateField("上缴日期")
    reference = models.CharField("凭证号", max_length=100, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["org", "remitted_on"])]


class DuesReconciliation(AppendOnly):
    """A 账款相符 check: the balance the treasurer counts against the ledger's balance held."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    period_end = models.DateField("截至日期")
    stated_balance = models.DecimalField("实存余额（经手人填报）", **MONEY)
    computed_balance = models.DecimalField("账面结存", **MONEY)
    difference = models.DecimalField("差额", **MONEY)
    note = models.CharField("说明", max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def matches(self) -> bool:
        return self.difference == 0


def live_line_filter() -> models.Q:
    """Q for DuesPaymentMonth rows that count: positive lines with no reversal line of the same
    (person, month, seq) — equivalent to "whose payment was not reversed", read from one index."""
    reversal = DuesPaymentMonth.objects.filter(
        person=models.OuterRef("person"), month=models.OuterRef("month"), seq=models.OuterRef("seq"), is_reversal=True
    )
    return models.Q(is_reversal=False) & ~models.Exists(reversal)
