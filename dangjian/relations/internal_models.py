"""A transfer between two branches of this same system (系统内组织关系转接).

A's secretary issues the letter out; the same person appears at branch B as 待接收 (B's letter in, linked to
the same Person record); B's secretary accepts (接收) and the person moves to B's roll on that day — one
record, its RollSpan history and audit kept — or returns it (退回); A can withdraw it (作废) until then.
The two letters are ordinary relations.Transfer rows (each side lists and prints its own); this row only
ties them together and names both branches.
"""

from django.db import models


class InternalTransfer(models.Model):
    person = models.ForeignKey(
        "members.Person", verbose_name="党员", on_delete=models.PROTECT, related_name="internal_transfers"
    )
    from_org = models.ForeignKey("orgs.Org", verbose_name="转出支部", on_delete=models.PROTECT, related_name="+")
    to_org = models.ForeignKey("orgs.Org", verbose_name="转入支部", on_delete=models.PROTECT, related_name="+")
    out_letter = models.OneToOneField("relations.Transfer", on_delete=models.PROTECT, related_name="internal_out")
    in_letter = models.OneToOneField("relations.Transfer", on_delete=models.PROTECT, related_name="internal_in")

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return f"{self.person} {self.from_org} → {self.to_org}"

    @property
    def status(self) -> str:
        return self.in_letter.status
