from django.core.exceptions import ValidationError
from django.http import Http404

from dangjian.accounts.scope import can_manage


def require_manage(actor, org):
    """Out of scope is 404, never 403."""
    if not can_manage(actor, org):
        raise Http404("不在管理范围内")


def save(instance):
    instance.full_clean()
    instance.save()
    return instance


def required(value, label):
    if value in (None, "", [], ()):
        raise ValidationError(f"请填写“{label}”")
    return value
