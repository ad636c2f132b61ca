"""换届选举 (BR-04…07): an election with its candidates and votes; the superior's approval of 书记/副书记
makes the new committee take effect (orgs.services.term_create)."""

from django.conf import settings
from django.db import models


class ElectionStatus(models.TextChoices):
    PLANNED = "planned", "筹备中"
    VOTED = "voted", "已选举，待上级批复"
    APPROVED = "approved", "上级已批复，新一届生效"
    INVALID = "invalid", "选举无效"


class Election(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="elections")
    held_on = models.DateField("选举日期")
    seats = models.PositiveSmallIntegerField("委员名额")
    expected_voters = models.PositiveIntegerField("应到会有选举权党员", default=0)
    present_voters = models.PositiveIntegerField("实到会", default=0)
    status = models.CharField("状态", max_length=10, choices=ElectionStatus.choices, default=ElectionStatus.PLANNED)
    secretary = models.ForeignKey(
        "members.Person", verbose_name="书记", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deputy = models.ForeignKey(
        "members.Person", verbose_name="副书记", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField("上级批复日期", null=True, blank=True)
    approval_ref = models.CharField("批复文号", max_length=80, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    term = models.ForeignKey("orgs.CommitteeTerm", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    yes_votes = models.PositiveIntegerField("得票", null=True, blank=True)
    elected = models.BooleanField("当选", default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "person"], name="one_candidacy_per_election")]
        ordering = ["-yes_votes", "id"]
