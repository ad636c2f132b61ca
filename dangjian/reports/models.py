"""A saved draft of a generated document (工作总结 / 述职报告): the paragraphs as the secretary edited them.

``paragraphs`` is a list of {"style": title|subtitle|h1|h2|body, "text": str, "facts": [Fact dicts]};
the facts keep the numbers' sources so the page can link every number to its records after edits.
"""

from django.conf import settings
from django.db import models


class DraftKind(models.TextChoices):
    SUMMARY = "summary", "年度党建工作总结"
    DUTY = "duty", "书记抓基层党建工作述职报告"


class SummaryDraft(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("文稿类型", max_length=20, choices=DraftKind.choices, default=DraftKind.SUMMARY)
    paragraphs = models.JSONField("段落", default=list)
    generated_at = models.DateTimeField("生成时间")
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "year", "kind"], name="one_draft_per_org_year_kind")]

    def __str__(self):
        return f"{self.year}年 {self.get_kind_display()}"
