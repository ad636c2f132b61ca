"""Tenant key on study records (issue 20): the bureau of the record's org; certificates stored by the clock."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

import dangjian.core.models


def fill(apps, schema_editor):
    StudyRecord = apps.get_model("learning", "StudyRecord")
    Org = apps.get_model("orgs", "Org")
    org = Org.objects.filter(pk=OuterRef("org_id"))
    # A record kept at a bureau itself (its bureau empty) belongs to that bureau.
    StudyRecord.objects.update(bureau_id=Coalesce(Subquery(org.values("bureau_id")), F("org_id")))


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="studyrecord",
            name="bureau",
            field=models.ForeignKey(
                null=True, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="orgs.org"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="studyrecord",
            name="bureau",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="orgs.org"
            ),
        ),
        migrations.AlterField(
            model_name="studyrecord",
            name="certificate",
            field=models.FileField(
                blank=True,
                max_length=300,
                upload_to=dangjian.core.models.attachment_path,
                verbose_name="证书/证明",
            ),
        ),
    ]
