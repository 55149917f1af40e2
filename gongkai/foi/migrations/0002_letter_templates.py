"""Seed the editable 告知书 templates with the built-in texts (gongkai.foi.letter_defaults).

Existing rows are left alone, so running it on a database whose templates staff have already
edited changes nothing.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.foi.letter_defaults import default_rows

    LetterTemplate = apps.get_model("foi", "LetterTemplate")
    for row in default_rows():
        LetterTemplate.objects.get_or_create(
            kind=row["kind"],
            outcome=row["outcome"],
            defaults={"title": row["title"], "body": row["body"]},
        )


class Migration(migrations.Migration):
    dependencies = [("foi", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
