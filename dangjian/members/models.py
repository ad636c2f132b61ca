"""People on a roster (人员): members and those in development."""

from django.conf import settings
from django.db import models

from dangjian.lib import clock

from .fields import EncryptedCharField, LookupHashField


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class Status(models.TextChoices):
    APPLICANT = "applicant", "入党申请人"
    ACTIVIST = "activist", "入党积极分子"
    CANDIDATE = "candidate", "发展对象"
    PROBATIONARY = "probationary_member", "预备党员"
    FULL = "full_member", "正式党员"


MEMBER_STATUSES = (Status.PROBATIONARY, Status.FULL)


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", "研究生"
    BACHELOR = "bachelor", "大学本科"
    COLLEGE = "college", "大学专科"
    SECONDARY = "secondary", "中专"
    HIGH_SCHOOL_OR_BELOW = "high_school", "高中及以下"


class Degree(models.TextChoices):
    NONE = "", "无"
    DOCTOR = "doctor", "博士"
    MASTER = "master", "硕士"
    BACHELOR = "bachelor", "学士"


class Title(models.TextChoices):
    SENIOR_FULL = "senior_full", "正高级"
    SENIOR_DEPUTY = "senior_deputy", "副高级"
    INTERMEDIATE = "intermediate", "中级"
    JUNIOR = "junior", "初级"
    NONE = "none", "未定级"


class Category(models.TextChoices):
    EMPLOYED = "employed", "在职"
    RETIRED = "retired", "离退休"
    STUDENT = "student", "学生"
    OTHER = "other", "其他"


class LeaveReason(models.TextChoices):
    TRANSFER_OUT = "transfer_out", "转出"
    DECEASED = "deceased", "去世"
    EXPELLED = "expelled", "出党"
    SUSPENDED = "suspended", "停止党籍"
    OTHER = "other", "其他"


class Person(models.Model):
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey("orgs.Org", verbose_name="所在支部", on_delete=models.PROTECT, related_name="people")
    group = models.ForeignKey(
        "orgs.Org", verbose_name="党小组", null=True, blank=True, on_delete=models.SET_NULL, related_name="group_people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=10, choices=Gender.choices)
    ethnicity = models.CharField("民族", max_length=20, default="汉族")
    birth_date = models.DateField("出生日期")
    # Encrypted at rest (members/fields.py); look numbers up by id_number_hash, never by id_number.
    id_number = EncryptedCharField("公民身份号码", max_length=18, blank=True)
    id_number_hash = LookupHashField(derive_from="id_number", db_index=True)
    native_place = models.CharField("籍贯", max_length=50, blank=True)
    education = models.CharField("学历", max_length=20, choices=Education.choices, blank=True)
    degree = models.CharField("学位", max_length=20, choices=Degree.choices, blank=True)
    professional_title = models.CharField("专业技术职务", max_length=20, choices=Title.choices, blank=True)
    post = models.CharField("工作岗位", max_length=50, blank=True)
    subject = models.CharField("任教学科", max_length=30, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    status = models.CharField("人员类别", max_length=30, choices=Status.choices, default=Status.FULL)
    join_date = models.DateField("入党时间", null=True, blank=True)
    confirmation_date = models.DateField("转正时间", null=True, blank=True)
    category = models.CharField("党员类别", max_length=20, choices=Category.choices, default=Category.EMPLOYED)
    is_mobile = models.BooleanField("流动党员", default=False)
    mobile_since = models.DateField("流动开始日期", null=True, blank=True)
    is_lost_contact = models.BooleanField("失联党员", default=False)
    lost_contact_since = models.DateField("失联日期", null=True, blank=True)

    on_roll = models.BooleanField("在册", default=True)
    left_reason = models.CharField("离开原因", max_length=20, choices=LeaveReason.choices, blank=True)
    left_on = models.DateField("离开日期", null=True, blank=True)
    left_note = models.CharField("说明", max_length=200, blank=True)

    # The day this record entered the system (form, import, transfer in): before it there are no records
    # of the person here, so inactivity tests never count that time against them.
    recorded_on = models.DateField("录入日期", default=clock.today, editable=False)

    # Precomputed sort key for 姓氏笔画 order (see dangjian.lib.strokes).
    stroke_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    pinyin = models.CharField(max_length=200, blank=True, editable=False)
    # Optimistic lock: bumped by every write service; a stale edit (older version) is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["stroke_key", "id"]
        indexes = [
            models.Index(fields=["org", "on_roll", "stroke_key"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if fields is not None and "id_number" in fields and "id_number_hash" not in fields:
            kwargs["update_fields"] = [*fields, "id_number_hash"]  # the hash follows the number
        super().save(*args, **kwargs)

    @property
    def is_member(self) -> bool:
        return self.status in MEMBER_STATUSES

    @property
    def masked_id_number(self) -> str:
        n = self.id_number
        return f"{n[:6]}********{n[-4:]}" if len(n) == 18 else ("*" * len(n))


class RollSpan(models.Model):
    """A stretch of time a person stands on one org's roll, in one 党小组 and category (花名册的历史).

    The roll "as of" any date is read from these rows (members/roll.py), never from today's Person fields.
    `start` None: on this roll since before the records began; `end` None: still on it. `end` is the first
    day off the roll (the 转出/去世/出党 date), so a span covers start <= D < end. Spans of one person never
    overlap; they are written only by members.services (and the bulk paths through roll.open_missing_spans).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roll_spans")
    # Tenant key (issue 20): the bureau the row belongs to, so a deployment can shard by bureau; set from the person (the bureau of the org holding the span).
    bureau = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", db_index=False)
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.EMPLOYED)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person_id", "start"]
        indexes = [models.Index(fields=["org", "end", "start"]), models.Index(fields=["person", "end"])]
