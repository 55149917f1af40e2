from django.db import migrations

from gongkai.publishing.topics import seed_topics


def forwards(apps, schema_editor):
    seed_topics(apps.get_model("publishing", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
