"""The default clock hours per event level and the principal-leader minimums per organization
level (see models.DEFAULT_CLOCK_HOURS and DEFAULT_LEADER_MINIMUM), editable in the admin."""

from django.db import migrations

CLOCKS = {
    "extraordinary": (5, 24),
    "major": (5, 24),
    "large": (24, None),
    "general": (48, None),
}
LEADERS = {
    "government": 4,
    "district": 2,
    "department": 2,
    "district_department": 1,
    "town": 0,
}


def seed(apps, schema_editor):
    ClockRule = apps.get_model("response", "ResponseClockRule")
    LeaderRule = apps.get_model("response", "PrincipalLeaderRule")
    for level, (first, press) in CLOCKS.items():
        ClockRule.objects.get_or_create(
            level=level,
            defaults={"first_release_hours": first, "press_conference_hours": press},
        )
    for level, minimum in LEADERS.items():
        LeaderRule.objects.get_or_create(level=level, defaults={"min_per_year": minimum})


class Migration(migrations.Migration):
    dependencies = [("response", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
