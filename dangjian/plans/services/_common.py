from django.core.exceptions import ValidationError

from ..workflows import require_manage  # noqa: F401  (the one scope check of every plans write)


def save(instance):
    instance.full_clean()
    instance.save()
    return instance


def required(value, label):
    if value in (None, "", [], ()):
        raise ValidationError(f"请填写“{label}”")
    return value
