"""组织关系 (MGMT-03…05): transfer letters out and in, mobile members' whereabouts, the yearly 排查 ledger.

Lost contact lives on Person (is_lost_contact / lost_contact_since; 停止党籍 = person_leave reason suspended).
"""

from django.conf import settings
from django.db import models


class TransferDirection(models.TextChoices):
    OUT = "out", "转出"
    IN = "in", "转入"


class TransferStatus(models.TextChoices):
    ISSUED = "issued", "已开具"
    REGISTERED = "registered", "已报到（回执已收）"
    RETURNED = "returned", "已退回"
    REVOKED = "revoked", "已作废"


class Transfer(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="本组织", on_delete=models.PROTECT, related_name="transfers")
    direction = models.CharField("方向", max_length=3, choices=TransferDirection.choices)
    person = models.ForeignKey(
        "members.Person", verbose_name="党员", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    name = models.CharField("姓名", max_length=50)
    letter_no = models.CharField("介绍信编号", max_length=50)
    other_org = models.CharField("转往/来自党组织", max_length=200)
    issued_on = models.DateField("开具日期")
    valid_days = models.PositiveSmallIntegerField("有效期（天）", default=30)
    status = models.CharField("状态", max_length=12, choices=TransferStatus.choices, default=TransferStatus.ISSUED)
    receipt_on = models.DateField("回执/报到日期", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["org", "direction", "status"])]

    def __str__(self):
        return f"{self.get_direction_display()} {self.name} {self.letter_no}"


class TransferLog(models.Model):
    """Append-only status log of a letter."""

    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, related_name="log")
    status = models.CharField(max_length=12, choices=TransferStatus.choices)
    on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)


class MobileRecord(models.Model):
    """One spell away as a 流动党员 (MGMT-05); open while ``returned_on`` is empty."""

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="mobile_records")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    whereabouts = models.CharField("外出去向", max_length=200)
    contact = models.CharField("联系方式", max_length=100)
    certificate_no = models.CharField("流动党员活动证编号", max_length=50, blank=True)
    since = models.DateField("外出日期")
    expected_return = models.DateField("预计返回", null=True, blank=True)
    returned_on = models.DateField("返回日期", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-since", "-id"]


class SurveyLedger(models.Model):
    """组织关系集中排查台账: a frozen copy of relations_survey for an org's subtree (append-only)."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    taken_on = models.DateField("排查日期")
    data = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]


from .internal_models import InternalTransfer  # noqa: E402,F401  (registered with the app's models)
