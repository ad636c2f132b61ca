"""Idempotency keys scoped per user and endpoint, with the hash of the request they were used for."""

from django.conf import settings
from django.db import migrations, models


def scope_existing_keys(apps, schema_editor):
    # Keys used before this migration came from POST /api/v1/dues/{code}/payments. Their request
    # hash is unknown (left empty): a replay of such a key returns the original payment as before.
    apps.get_model("dues", "DuesPayment").objects.filter(idempotency_key__isnull=False).update(
        idempotency_scope="dues.payments"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("dues", "0001_initial"),
        ("members", "0003_roll_spans"),
        ("orgs", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="duespayment",
            name="idempotency_scope",
            field=models.CharField(blank=True, default="", max_length=50),
        ),
        migrations.AddField(
            model_name="duespayment",
            name="request_hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="duespayment",
            name="idempotency_key",
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.RunPython(scope_existing_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="duespayment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("idempotency_key__isnull", False)),
                fields=("entered_by", "idempotency_scope", "idempotency_key"),
                name="dues_one_payment_per_user_scope_key",
            ),
        ),
    ]
