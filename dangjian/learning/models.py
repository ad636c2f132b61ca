"""学习教育: study records (学时, EDU-01…03), the 应知应会 question bank and tests, and 学习心得.

Meetings that carry 学时 are not copied here: they are counted at query time from meetings.Attendance
(present) — see selectors.study_hours_by_person.
"""

from django.conf import settings
from django.db import models

from dangjian.core.models import attachment_path


class StudyKind(models.TextChoices):
    CENTRAL_STUDY = "central_study", "集中学习"
    LECTURE = "lecture", "专题讲座"
    TRAINING = "training", "集中培训"
    ONLINE_COURSE = "online_course", "网络课程（外部）"


class StudyRecord(models.Model):
    UPLOAD_DIR = "learning"  # for the certificate (core.models.attachment_path)

    person = models.ForeignKey(
        "members.Person", verbose_name="党员", on_delete=models.PROTECT, related_name="study_records"
    )
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    # Tenant key (issue 20): the bureau of the org, so a deployment can shard by bureau.
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", db_index=False)
    date = models.DateField("日期")
    year = models.PositiveSmallIntegerField(editable=False)
    kind = models.CharField("类型", max_length=20, choices=StudyKind.choices)
    title = models.CharField("内容", max_length=200)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    certificate = models.FileField("证书/证明", upload_to=attachment_path, max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    voided = models.BooleanField("已作废", default=False)
    void_reason = models.CharField("作废原因", max_length=200, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "year"]), models.Index(fields=["person", "year"])]

    def save(self, *args, **kwargs):
        self.year = self.date.year
        if not self.bureau_id and self.org_id:
            self.bureau_id = self.org.bureau_id or self.org_id
        super().save(*args, **kwargs)


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选题"
    MULTIPLE = "multiple", "多选题"
    TRUE_FALSE = "true_false", "判断题"


class Question(models.Model):
    """One question of a bureau's 应知应会 bank. ``options`` is a list of texts; ``answer`` the list of
    correct option indexes (for 判断题 the options are 正确/错误)."""

    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("题型", max_length=20, choices=QuestionKind.choices)
    text = models.TextField("题目")
    options = models.JSONField("选项", default=list)
    answer = models.JSONField("正确答案", default=list)
    points = models.PositiveSmallIntegerField("分值", default=1)
    active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["id"]


class Quiz(models.Model):
    """A test assigned to an org with an answering window."""

    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="quizzes")
    title = models.CharField("名称", max_length=100)
    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("截止时间")
    questions = models.ManyToManyField(Question, related_name="quizzes")
    pass_score = models.PositiveSmallIntegerField("及格分", default=60)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]


class QuizAttempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=dict, blank=True)  # question id → list of chosen option indexes
    score = models.PositiveSmallIntegerField("得分")
    max_score = models.PositiveSmallIntegerField("满分")
    paper = models.BooleanField("纸质考试", default=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["quiz", "person"], name="one_attempt_per_member")]


class StudyNote(models.Model):
    """学习心得: written by a member, marked read by the secretary."""

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="study_notes")
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("题目", max_length=100)
    body = models.TextField("内容")
    submitted_at = models.DateTimeField(auto_now_add=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    read_at = models.DateTimeField(null=True, blank=True)
    comment = models.CharField("书记批注", max_length=200, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
