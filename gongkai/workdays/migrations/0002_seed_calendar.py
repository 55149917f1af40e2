"""Enter the official holiday arrangements 2019–2026 from the chinesecalendar package."""

from uuid import uuid4

from django.db import migrations

from gongkai.workdays.seed import import_year, package_years

LAST_SEEDED_YEAR = 2026


def forwards(apps, schema_editor):
    arrangement_model = apps.get_model("workdays", "YearArrangement")
    day_model = apps.get_model("workdays", "SpecialDay")
    for year in package_years():
        if year <= LAST_SEEDED_YEAR:
            import_year(year=year, arrangement_model=arrangement_model, day_model=day_model)
    # Processes already running re-read the calendar when they see a new token.
    apps.get_model("workdays", "CalendarRevision").objects.update_or_create(
        pk=1, defaults={"token": uuid4().hex}
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
