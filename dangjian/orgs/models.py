"""The organization tree (党组织) and branch committees (支部委员会)."""

from django.core.exceptions import ValidationError
from django.db import models


class OrgKind(models.TextChoices):
    COMMITTEE = "committee", "党委"
    LEADING_GROUP = "leading_group", "党组"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"
    JOINT_BRANCH = "joint_branch", "联合党支部"
    GROUP = "group", "党小组"


BRANCH_KINDS = (OrgKind.BRANCH, OrgKind.JOINT_BRANCH)
# Which kinds may sit under which; a group only inside a branch.
ALLOWED_PARENTS = {
    OrgKind.COMMITTEE: {None, OrgKind.COMMITTEE, OrgKind.LEADING_GROUP},
    OrgKind.LEADING_GROUP: {None, OrgKind.COMMITTEE},
    OrgKind.GENERAL_BRANCH: {OrgKind.COMMITTEE, OrgKind.LEADING_GROUP},
    OrgKind.BRANCH: {OrgKind.COMMITTEE, OrgKind.LEADING_GROUP, OrgKind.GENERAL_BRANCH},
    OrgKind.JOINT_BRANCH: {OrgKind.COMMITTEE, OrgKind.LEADING_GROUP, OrgKind.GENERAL_BRANCH},
    OrgKind.GROUP: {OrgKind.BRANCH, OrgKind.JOINT_BRANCH},
}


def subtree_q(path: str, field: str = "path") -> models.Q:
    """Orgs whose path starts with `path`. SQLite's LIKE is case-insensitive and so never uses the path
    index; on SQLite the same set is written as a range (paths are digits and "/", and "0" follows "/"),
    which the index answers directly. PostgreSQL keeps LIKE, served by Django's pattern-ops index (a range
    would compare under the database's collation, which need not be byte order)."""
    from django.db import connection

    if connection.vendor == "sqlite" and path.endswith("/"):
        return models.Q(**{f"{field}__gte": path, f"{field}__lt": path[:-1] + "0"})
    return models.Q(**{f"{field}__startswith": path})


class Org(models.Model):
    # Tenant key: the root of the tree this org belongs to (itself for a root).
    bureau = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # Materialised path of ids, "/1/5/9/": subtree = path startswith.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    kind = models.CharField("组织类别", max_length=20, choices=OrgKind.choices)
    name = models.CharField("组织名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    code = models.CharField("组织代码", max_length=40, unique=True)
    unit = models.CharField("所在单位", max_length=100, blank=True)
    established_on = models.DateField("成立日期", null=True, blank=True)
    is_retiree = models.BooleanField("离退休支部", default=False)
    is_active = models.BooleanField("有效", default=True)
    sort_order = models.IntegerField("排序", default=0)
    # Optimistic lock: bumped by every write service; a stale edit (older version) is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["path"]

    def __str__(self):
        return self.name

    @property
    def is_branch(self) -> bool:
        return self.kind in BRANCH_KINDS

    def clean(self):
        parent_kind = self.parent.kind if self.parent_id else None
        allowed = ALLOWED_PARENTS.get(self.kind, set())
        if parent_kind not in allowed:
            up = self.parent.get_kind_display() if self.parent_id else "（无上级）"
            raise ValidationError({"parent": f"{self.get_kind_display()}不能设在{up}之下"})
        if self.kind == OrgKind.GROUP and self.is_retiree:
            raise ValidationError({"is_retiree": "党小组不单独标记离退休"})

    def ancestors_ids(self) -> list[int]:
        return [int(x) for x in self.path.strip("/").split("/") if x][:-1]


class CommitteeRole(models.TextChoices):
    SECRETARY = "secretary", "书记"
    DEPUTY_SECRETARY = "deputy_secretary", "副书记"
    ORGANIZATION_OFFICER = "organization_officer", "组织委员"
    PUBLICITY_OFFICER = "publicity_officer", "宣传委员"
    DISCIPLINE_OFFICER = "discipline_officer", "纪检委员"
    MEMBER = "committee_member", "委员"


class CommitteeTerm(models.Model):
    """One term (任期) of an org's committee; the current one has ended_on null."""

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="terms")
    started_on = models.DateField("任期开始")
    ends_on = models.DateField("任期届满")
    ended_on = models.DateField("实际结束", null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]

    def clean(self):
        if self.ends_on and self.started_on and self.ends_on <= self.started_on:
            raise ValidationError({"ends_on": "任期届满日期必须晚于开始日期"})


class CommitteeMember(models.Model):
    term = models.ForeignKey(CommitteeTerm, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="committee_posts")
    role = models.CharField("职务", max_length=30, choices=CommitteeRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "person"], name="one_post_per_person_per_term")]
