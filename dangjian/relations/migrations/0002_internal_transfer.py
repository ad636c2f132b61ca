# System-internal transfers (relations.internal_models.InternalTransfer); depends only on committed migrations.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_roll_spans"),
        ("orgs", "0001_initial"),
        ("relations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="InternalTransfer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "from_org",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orgs.org",
                        verbose_name="转出支部",
                    ),
                ),
                (
                    "in_letter",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="internal_in", to="relations.transfer"
                    ),
                ),
                (
                    "out_letter",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="internal_out",
                        to="relations.transfer",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="internal_transfers",
                        to="members.person",
                        verbose_name="党员",
                    ),
                ),
                (
                    "to_org",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orgs.org",
                        verbose_name="转入支部",
                    ),
                ),
            ],
            options={
                "ordering": ["-id"],
            },
        ),
    ]
