"""Role assignments on org nodes and API tokens."""

import datetime
import secrets

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    BUREAU_OFFICER = "bureau_officer", "上级党组织工作人员"
    SECRETARY = "secretary", "支部书记"
    OFFICER = "officer", "支部委员"
    MEMBER = "member", "党员"


# Roles that manage (read and write) everything in their org's subtree.
MANAGING_ROLES = (Role.BUREAU_OFFICER, Role.SECRETARY, Role.OFFICER)


class RoleAssignment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    org = models.ForeignKey("orgs.Org", on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    can_see_id_numbers = models.BooleanField("可查看完整身份证号", default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "org", "role"], name="unique_role_per_org")]

    def __str__(self):
        return f"{self.user} {self.get_role_display()} @ {self.org}"


class ApiToken(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_token")
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Written at most once a minute (see dangjian.accounts.services.token_touch), shown on the account page.
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    @staticmethod
    def new_key() -> str:
        return secrets.token_hex(24)

    @property
    def expires_at(self):
        """A token works for DANGJIAN_API_TOKEN_DAYS (default 180) from when it was made; then 401 until the
        owner makes a new one."""
        return self.created_at + datetime.timedelta(days=settings.DANGJIAN_API_TOKEN_DAYS)

    def is_expired(self, now=None) -> bool:
        from dangjian.lib import clock

        return (now or clock.now()) >= self.expires_at


class LoginProfile(models.Model):
    """Per-login state beyond Django's User. A user without a row has nothing pending."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_profile")
    # Set when a login is created or its password reset by someone else: the first login must choose a new one.
    must_change_password = models.BooleanField("须修改初始密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    def __str__(self):
        return f"{self.user} {'须改密码' if self.must_change_password else ''}"
