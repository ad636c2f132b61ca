from django import forms
from django.contrib.auth import password_validation

from dangjian.core.forms import BootstrapMixin

from .models import Role


def org_choices(orgs):
    """Orgs as (code, indented name) for a <select>, in tree order."""
    orgs = list(orgs)
    base = min((o.depth for o in orgs), default=0)
    return [(o.code, "　" * (o.depth - base) + o.name) for o in orgs]


class PasswordChangeForm(BootstrapMixin, forms.Form):
    old_password = forms.CharField(
        label="原密码（或初始密码）", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password1 = forms.CharField(
        label="新密码",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=" ".join(password_validation.password_validators_help_texts()),
    )
    new_password2 = forms.CharField(
        label="再次输入新密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class UserCreateForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    org = forms.ChoiceField(label="所在组织")
    role = forms.ChoiceField(label="角色", choices=Role.choices, initial=Role.MEMBER)
    username = forms.CharField(
        label="用户名", max_length=30, required=False, help_text="不填则按姓名拼音生成（重名时加数字，如 wangfang2）"
    )
    can_see_id_numbers = forms.BooleanField(label="可查看完整身份证号", required=False)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = org_choices(orgs)


class RoleGrantForm(BootstrapMixin, forms.Form):
    org = forms.ChoiceField(label="组织")
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    can_see_id_numbers = forms.BooleanField(label="可查看完整身份证号", required=False)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = org_choices(orgs)
