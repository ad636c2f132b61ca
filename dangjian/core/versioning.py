"""Optimistic locking for records two officers may edit at once (person, org, meeting, development case).

Each such model has a hidden `version` integer. A write service calls `claim(instance, expected)` first,
inside its transaction: one `UPDATE … SET version = version + 1 WHERE id = %s AND version = %s`. The
database evaluates that under its row (PostgreSQL) or database (SQLite) write lock, so of two edits made
from the same version exactly one matches; the other gets StaleEdit and changes nothing. `expected` None
(an API call without If-Match, or an internal write) skips the comparison but still bumps the version, so
an open form made before it is refused afterwards.

After a claim the instance is reloaded from the database (the claim holds the lock), and the service
applies only the fields it was given to today's row, never to a copy read before someone else's save.
"""

from django.db import transaction
from django.db.models import F

STALE_MESSAGE = "该记录已被他人修改，请刷新后重试"
MISSING_MESSAGE = "页面缺少版本信息，请刷新页面后重新填写"


class StaleEdit(Exception):
    """The record changed since the editor loaded it (pages: message on the form; API: 409)."""

    def __init__(self, message: str = STALE_MESSAGE):
        super().__init__(message)
        self.message = message


def parse_version(value) -> int | None:
    """A version from a form field or an If-Match header ("3", '"3"', 'W/"3"'); None when absent.

    Anything else is stale by definition (it cannot match a version we issued)."""
    if value is None:
        return None
    text = str(value).strip()
    if text in ("", "*"):
        return None
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"').strip()
    if not text.isdigit() or len(text) > 12:
        raise StaleEdit()
    return int(text)


def etag(instance) -> str:
    return f'"{instance.version}"'


def claim(instance, expected: int | None) -> None:
    """Bump the instance's version in the database, refusing with StaleEdit when `expected` is given and
    no longer current; then reload the instance (all fields) from the database."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("versioning.claim must run inside the write's transaction")
    model = type(instance)
    rows = model._base_manager.filter(pk=instance.pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    if rows.update(version=F("version") + 1) != 1:
        raise StaleEdit()
    instance.refresh_from_db()


def add_version_field(form) -> None:
    """Give a ModelForm that edits an existing record the hidden, required `version` field (set to the
    version shown); a form creating a record gets none."""
    from django import forms

    if form.instance.pk:
        form.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, min_value=0, error_messages={"required": MISSING_MESSAGE}
        )
        form.initial["version"] = form.instance.version
