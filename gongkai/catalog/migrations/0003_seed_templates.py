from django.db import migrations

from gongkai.catalog.template_data import seed_templates


def forwards(apps, schema_editor):
    seed_templates(
        apps.get_model("catalog", "CatalogTemplate"),
        apps.get_model("catalog", "CatalogTemplateNode"),
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_one_guide_per_organization")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
