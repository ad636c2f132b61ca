"""Database triggers refusing UPDATE/DELETE on the 党费 ledger (the models' save/delete already refuse)."""

from django.db import migrations

from dangjian.core import append_only

TABLES = {
    "dues_duesbase": "党费基数",
    "dues_duescharge": "党费应交记录",
    "dues_duespayment": "党费缴纳记录",
    "dues_duespaymentmonth": "党费缴纳月份",
    "dues_duesremittance": "党费上缴记录",
    "dues_duesreconciliation": "党费对账记录",
}


def install(apps, schema_editor):
    append_only.install(schema_editor, TABLES)


def remove(apps, schema_editor):
    append_only.remove(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("dues", "0002_idempotency_scope"),
        ("core", "0004_audit_chain"),
    ]

    operations = [
        migrations.RunPython(install, remove),
    ]
