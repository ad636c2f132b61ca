"""Meeting.for_year is set on every row (0002 filled it in): NOT NULL, and the compliance grid's index counts by it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_meeting_for_year"),
    ]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="for_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                verbose_name="所属年度",
                help_text="组织生活会、民主评议党员、民主生活会所属的年度（如次年年初召开上一年度的组织生活会）；不填按召开日期确定",
            ),
        ),
        migrations.RemoveIndex(model_name="meeting", name="meeting_grid"),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["for_year", "org", "kind", "month"], name="meeting_grid_for_year"),
        ),
    ]
