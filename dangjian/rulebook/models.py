"""Admin-editable holiday table (overrides chinese_calendar, GEN-03) and per-bureau local settings."""

from django.conf import settings
from django.db import models


class HolidayDay(models.Model):
    """One day whose working-day status the State Council notice fixes (or corrects the package)."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否上班", default=False)  # True = 调休上班, False = 放假
    note = models.CharField("说明", max_length=100, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="录入人",
    )
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {'班' if self.is_workday else '休'} {self.note}"


class HolidayYear(models.Model):
    """A year whose full arrangement has been entered: its results are no longer provisional."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    complete = models.BooleanField("已完整录入", default=False)

    class Meta:
        ordering = ["year"]

    def __str__(self):
        return f"{self.year}{'（完整）' if self.complete else ''}"


class BureauSetting(models.Model):
    """Overrides of dangjian.rules.settings.LocalSettings for one bureau (a root org).

    ``values`` holds only the fields that differ from the defaults, JSON-encoded
    (Decimals as strings); unknown keys are ignored when read.
    """

    bureau = models.OneToOneField(
        "orgs.Org", on_delete=models.PROTECT, related_name="rule_settings", verbose_name="上级党组织"
    )
    values = models.JSONField("设置值", default=dict, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    def __str__(self):
        return f"{self.bureau} 本地规则设置"
