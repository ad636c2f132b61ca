"""Meeting.for_year: the year a meeting counts for (a 组织生活会 held in February for the year before).

Existing rows get the default rule of services.default_for_year: the year of the date, or the year before
for a yearly kind (组织生活会、民主评议党员、民主生活会) held in January–March when that org has no meeting of
that kind for the year before. Rows are visited in date order, so an earlier row already counts when a later
one is judged."""

from django.db import migrations, models

YEARLY_KINDS = ("org_life_review", "appraisal", "leadership_review")


def backfill(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.exclude(kind__in=YEARLY_KINDS).update(for_year=models.F("year"))
    taken = set()  # (org, kind, year) that already has a non-voided meeting counting for it
    changed = []
    for m in Meeting.objects.filter(kind__in=YEARLY_KINDS).order_by("held_on", "id").iterator():
        for_year = m.year
        if m.month <= 3 and (m.org_id, m.kind, m.year - 1) not in taken:
            for_year = m.year - 1
        m.for_year = for_year
        changed.append(m)
        if not m.voided:
            taken.add((m.org_id, m.kind, for_year))
    Meeting.objects.bulk_update(changed, ["for_year"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="for_year",
            field=models.PositiveSmallIntegerField(null=True, blank=True, verbose_name="所属年度"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
