"""Tenant key on roll spans (issue 20): the bureau of the person holding the span, filled from Person."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    RollSpan = apps.get_model("members", "RollSpan")
    Person = apps.get_model("members", "Person")
    RollSpan.objects.update(bureau_id=Subquery(Person.objects.filter(pk=OuterRef("person_id")).values("bureau_id")))


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_id_number_encrypted"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="rollspan",
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
            model_name="rollspan",
            name="bureau",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="orgs.org"
            ),
        ),
    ]
