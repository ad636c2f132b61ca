"""Which tables a backup holds, in which order, and how each value is written to and read from JSON.

Covered: every app whose module starts with "dangjian." (future apps included automatically), plus
django.contrib.auth (users, groups, permissions and their many-to-many tables) and contenttypes,
which auth.Permission (and any generic relation) points at by id.
"""

import base64
import datetime
import decimal
import uuid

from django.apps import apps
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_iso_string

FORMAT_NAME = "dangjian-backup"
FORMAT_VERSION = 2  # 2: encrypted container, signed manifest, no tokens
EXTRA_APPS = ("django.contrib.contenttypes", "django.contrib.auth")


def covered_app_configs():
    return [c for c in apps.get_app_configs() if c.name.startswith("dangjian.") or c.name in EXTRA_APPS]


def _depends_on(model) -> set:
    out = set()
    for field in model._meta.local_concrete_fields:
        if field.remote_field is not None and field.remote_field.model is not model:
            out.add(field.remote_field.model._meta.concrete_model)
    return out


def covered_models() -> list:
    """Concrete, managed models of the covered apps in dependency order (referenced tables first)."""
    found = []
    for config in covered_app_configs():
        for model in config.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or meta.swapped:
                continue
            found.append(model)
    found.sort(key=lambda m: m._meta.label_lower)
    ordered, done = [], set()

    def visit(model, stack):
        if model in done:
            return
        if model in stack:  # a cycle between tables: deferred constraints let either order work
            return
        stack.add(model)
        for dep in sorted(_depends_on(model), key=lambda m: m._meta.label_lower):
            if dep in found:
                visit(dep, stack)
        stack.discard(model)
        done.add(model)
        ordered.append(model)

    for model in found:
        visit(model, set())
    return ordered


def fields_of(model) -> list:
    return list(model._meta.local_concrete_fields)


def migration_state() -> dict:
    """Applied migrations per covered app label, sorted, as stored in django_migrations."""
    labels = {c.label for c in covered_app_configs()}
    applied = MigrationRecorder(connection).applied_migrations()
    state: dict[str, list[str]] = {label: [] for label in sorted(labels)}
    for app_label, name in applied:
        if app_label in labels:
            state[app_label].append(name)
    return {k: sorted(v) for k, v in state.items()}


def dump_value(field, value):
    """A JSON-safe form of a value read with values_list()."""
    if value is None:
        return None
    if isinstance(field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value


def load_value(field, value):
    """The Python value for a JSON value written by dump_value; raises ValueError/ValidationError."""
    if value is None:
        return None
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value.encode("ascii"), validate=True)
    if isinstance(field, models.JSONField):
        return value
    return field.to_python(value)


def missing_tables() -> list[str]:
    """Covered models whose table does not exist yet (the database is not fully migrated)."""
    existing = set(connection.introspection.table_names())
    return [m._meta.label_lower for m in covered_models() if m._meta.db_table not in existing]
