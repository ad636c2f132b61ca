"""Organisational life (组织生活): meetings of every kind, attendance, attachments and the yearly plan.

Meetings are records, not ledgers: corrections are edits kept in the audit history, and nothing is
hard-deleted — a wrong record is voided with a reason (and can be restored).
"""

from django.conf import settings
from django.db import models

from dangjian.core.models import Attachment


class Kind(models.TextChoices):
    GENERAL_MEETING = "general_meeting", "支部党员大会"
    COMMITTEE_MEETING = "committee_meeting", "支委会"
    GROUP_MEETING = "group_meeting", "党小组会"
    PARTY_LECTURE = "party_lecture", "党课"
    THEME_DAY = "theme_day", "主题党日"
    ORG_LIFE_REVIEW = "org_life_review", "组织生活会"
    APPRAISAL = "appraisal", "民主评议党员"
    LEADERSHIP_REVIEW = "leadership_review", "民主生活会"
    HEART_TO_HEART_TALK = "heart_to_heart_talk", "谈心谈话"
    STUDY_SESSION = "study_session", "集中学习"
    TRAINING = "training", "培训"


# Kinds held once a year *for* a year (LIFE-07/08; 民主生活会 likewise): often held early the next year, so the
# meeting carries the year it counts for (Meeting.for_year), which may be the year before its date.
YEARLY_KINDS = ("org_life_review", "appraisal", "leadership_review")

KIND_SHORT = {
    "general_meeting": "党员大会",
    "committee_meeting": "支委会",
    "group_meeting": "党小组会",
    "party_lecture": "党课",
    "theme_day": "主题党日",
    "org_life_review": "组织生活会",
    "appraisal": "民主评议",
    "leadership_review": "民主生活会",
    "heart_to_heart_talk": "谈心谈话",
    "study_session": "集中学习",
    "training": "培训",
}


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "出席"
    LEAVE = "leave", "请假"
    ABSENT = "absent", "缺席"


class MeetingPlanItem(models.Model):
    """One line of a branch's yearly plan (年度组织生活计划): a kind of meeting and its theme in a month."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="meeting_plan_items")
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份")
    kind = models.CharField("会议类型", max_length=30, choices=Kind.choices)
    topic = models.CharField("主题", max_length=200)
    note = models.CharField("备注", max_length=200, blank=True)
    voided = models.BooleanField("已作废", default=False)
    void_reason = models.CharField("作废原因", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["year", "month", "id"]
        indexes = [models.Index(fields=["org", "year", "month"])]

    def __str__(self):
        return f"{self.year}年{self.month}月 {self.get_kind_display()} {self.topic}"


class Meeting(models.Model):
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    # The org that holds the meeting (a branch, general branch or committee; never a group).
    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="meetings")
    # For 党小组会: the group inside ``org`` that met.
    group = models.ForeignKey(
        "orgs.Org",
        verbose_name="党小组",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="group_meetings",
    )
    kind = models.CharField("会议类型", max_length=30, choices=Kind.choices)
    starts_at = models.DateTimeField("召开时间")
    ends_at = models.DateTimeField("结束时间", null=True, blank=True)
    # Local (Asia/Shanghai) date and its year/month, kept for cheap GROUP BY (no date functions in SQL).
    held_on = models.DateField(editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    month = models.PositiveSmallIntegerField(editable=False)
    # The year the meeting counts for in calendars, to-dos, compliance and reports: the year of its date,
    # except a YEARLY_KINDS meeting held for the year before (services.default_for_year). Set for every row.
    for_year = models.PositiveSmallIntegerField(
        "所属年度",
        blank=True,
        help_text="组织生活会、民主评议党员、民主生活会所属的年度（如次年年初召开上一年度的组织生活会）；"
        "不填按召开日期确定",
    )
    place = models.CharField("地点", max_length=100, blank=True)
    host = models.ForeignKey(
        "members.Person", verbose_name="主持人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # LIFE-04: the 书记 chairs the 党员大会 and 支委会, or delegates to the 副书记 or a member.
    host_delegated = models.BooleanField("受书记委托主持", default=False)
    recorder = models.ForeignKey(
        "members.Person", verbose_name="记录人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lecturer = models.ForeignKey(
        "members.Person", verbose_name="授课人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lecturer_name = models.CharField("授课人（非本支部）", max_length=50, blank=True)
    topic = models.CharField("主题", max_length=200)
    agenda = models.TextField("议程", blank=True)
    minutes = models.TextField("会议记录", blank=True)
    resolutions = models.TextField("决议事项", blank=True)
    study_hours = models.DecimalField("学时", max_digits=4, decimal_places=1, default=0)
    # DEV-14 / LIFE-01: a 支部党员大会 that votes (e.g. accepting a 预备党员).
    has_vote = models.BooleanField("进行表决", default=False)
    vote_subject = models.CharField("表决事项", max_length=200, blank=True)
    vote_yes = models.PositiveIntegerField("赞成票（到会）", default=0)
    vote_written_yes = models.PositiveIntegerField("书面赞成意见", default=0)
    plan_item = models.ForeignKey(
        MeetingPlanItem,
        verbose_name="对应计划",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    attendance_recorded = models.BooleanField(default=False, editable=False)
    voided = models.BooleanField("已作废", default=False)
    void_reason = models.CharField("作废原因", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: bumped by every write service; a stale edit (older version) is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            # The compliance grid: GROUP BY org, kind, month for one year over a subtree.
            models.Index(fields=["for_year", "org", "kind", "month"], name="meeting_grid_for_year"),
            models.Index(fields=["org", "held_on"], name="meeting_org_day"),
        ]

    def __str__(self):
        return f"{self.held_on} {self.get_kind_display()} {self.topic}"

    @property
    def lecturer_display(self) -> str:
        return self.lecturer.name if self.lecturer_id else self.lecturer_name


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    # Tenant key (issue 20): the bureau the row belongs to, so a deployment can shard by bureau; set from the meeting.
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", db_index=False)
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="meeting_attendances")
    status = models.CharField("出席情况", max_length=10, choices=AttendanceStatus.choices)
    reason = models.CharField("请假/缺席原因", max_length=200, blank=True)
    # Snapshot when recorded: a 正式党员 has voting rights (DEV-14); 预备党员 do not.
    voting = models.BooleanField("有表决权", default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")]
        indexes = [models.Index(fields=["person", "status"])]


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", "活动照片"
    SIGN_IN = "sign_in", "签到表扫描件"
    OTHER = "other", "其他材料"


class MeetingAttachment(Attachment):
    UPLOAD_DIR = "meetings"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField("材料类型", max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.PHOTO)
    title = models.CharField("说明", max_length=100, blank=True)
    voided = models.BooleanField("已作废", default=False)
