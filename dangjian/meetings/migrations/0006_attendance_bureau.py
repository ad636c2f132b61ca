"""Tenant key on attendance rows (issue 20): the meeting's bureau."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Attendance = apps.get_model("meetings", "Attendance")
    Meeting = apps.get_model("meetings", "Meeting")
    Attendance.objects.update(bureau_id=Subquery(Meeting.objects.filter(pk=OuterRef("meeting_id")).values("bureau_id")))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_one_attachment_shape"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="attendance",
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
            model_name="attendance",
            name="bureau",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="orgs.org"
            ),
        ),
    ]
