"""Hash chain over the audit log (existing rows chained in id order) and append-only triggers."""

from django.db import migrations, models

import dangjian.lib.clock
from dangjian.core import append_only

TABLES = {"core_auditevent": "审计日志"}


def chain_existing(apps, schema_editor):
    from dangjian.core.audit import canonical, compute_hash

    AuditEvent = apps.get_model("core", "AuditEvent")
    prev, batch = "", []
    for event in AuditEvent.objects.using(schema_editor.connection.alias).order_by("id").iterator(chunk_size=2000):
        event.prev_hash = prev
        event.hash = prev = compute_hash(
            canonical(
                at=event.at,
                actor_id=event.actor_id,
                org_id=event.org_id,
                kind=event.kind,
                subject_type=event.subject_type,
                subject_id=event.subject_id,
                data=event.data,
            ),
            prev,
        )
        batch.append(event)
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])
            batch.clear()
    if batch:
        AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])


def install(apps, schema_editor):
    append_only.install(schema_editor, TABLES)


def remove(apps, schema_editor):
    append_only.remove(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_calendartoken_reminder"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=dangjian.lib.clock.now),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.RunPython(install, remove),
    ]
