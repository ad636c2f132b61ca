"""两优一先 nominations: a branch nominates after its general meeting votes; a superior org decides."""

from django.conf import settings
from django.db import models


class NominationKind(models.TextChoices):
    EXCELLENT_MEMBER = "excellent_member", "优秀共产党员"
    EXCELLENT_WORKER = "excellent_worker", "优秀党务工作者"
    ADVANCED_ORG = "advanced_org", "先进基层党组织"


PERSON_KINDS = (NominationKind.EXCELLENT_MEMBER, NominationKind.EXCELLENT_WORKER)


class NominationStatus(models.TextChoices):
    PROPOSED = "proposed", "待上级审定"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class Nomination(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="推荐支部", on_delete=models.PROTECT, related_name="nominations")
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类别", max_length=20, choices=NominationKind.choices)
    person = models.ForeignKey(
        "members.Person",
        verbose_name="推荐人选",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    reason = models.TextField("推荐理由（主要事迹）")
    vote_expected = models.PositiveIntegerField("应到有表决权党员")
    vote_present = models.PositiveIntegerField("实到")
    vote_yes = models.PositiveIntegerField("赞成票")
    vote_on = models.DateField("表决日期")
    status = models.CharField(
        "状态", max_length=10, choices=NominationStatus.choices, default=NominationStatus.PROPOSED
    )
    decision_note = models.TextField("审定意见", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_org = models.ForeignKey(
        "orgs.Org", verbose_name="审定组织", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField("审定日期", null=True, blank=True)
    honour = models.OneToOneField(
        "plans.Honour",
        verbose_name="授予的荣誉",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nomination",
    )

    class Meta:
        ordering = ["-year", "-id"]

    @property
    def nominee(self) -> str:
        return self.person.name if self.person_id else f"{self.org.name}（集体）"
