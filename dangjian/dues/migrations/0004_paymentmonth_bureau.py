"""Tenant key on payment lines (issue 20): the payment's bureau.

The table is append-only (migration 0003's triggers refuse UPDATE); a schema change is the one maintenance
step allowed to fill a new column, so the triggers are lifted for this migration and put back at its end (SQLite
rebuilds the table for the ALTER, which drops its triggers anyway)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from dangjian.core import append_only

TABLES = {"dues_duespaymentmonth": "党费缴纳月份"}


def fill(apps, schema_editor):
    Line = apps.get_model("dues", "DuesPaymentMonth")
    Payment = apps.get_model("dues", "DuesPayment")
    Line.objects.update(bureau_id=Subquery(Payment.objects.filter(pk=OuterRef("payment_id")).values("bureau_id")))


def lift(apps, schema_editor):
    append_only.remove(schema_editor, TABLES)


def restore(apps, schema_editor):
    append_only.install(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("dues", "0003_append_only_triggers"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(lift, restore),
        migrations.AddField(
            model_name="duespaymentmonth",
            name="bureau",
            field=models.ForeignKey(
                null=True,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.org",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="duespaymentmonth",
            name="bureau",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="orgs.org"
            ),
        ),
        migrations.RunPython(restore, lift),
    ]
