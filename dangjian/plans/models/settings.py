"""Per-bureau settings of the plans app: how many supervision visits (调研指导) each leader should make a year.

Not a LocalSettings knob: no catalogued rule fixes the number (it comes from the bureau's own 工作要点, seed
003: "不少于2次"), so it lives here, one row per bureau, read by visit_counts and the to-dos.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

DEFAULT_VISITS_PER_LEADER = 2


class BureauPlanSetting(models.Model):
    bureau = models.OneToOneField(
        "orgs.Org", verbose_name="教育局党委", on_delete=models.PROTECT, related_name="plan_setting"
    )
    visits_per_leader = models.PositiveSmallIntegerField(
        "领导每年到下级调研指导次数（不少于）", default=DEFAULT_VISITS_PER_LEADER, validators=[MaxValueValidator(52)]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.bureau} 调研指导次数 {self.visits_per_leader}"
