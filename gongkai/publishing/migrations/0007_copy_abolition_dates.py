"""Move the abolition date of abolished policies to 废止日期 (``abolished_on``).

Until 0006, abolishing a policy wrote its abolition date into 失效日期 (``expires_on``), which
otherwise means the last day in force. This copies that date to ``abolished_on`` for every
item with validity 废止. ``expires_on`` is left as it was: the document's own 有效期至 date, if
it had one, was overwritten then and is not known; a clerk may correct it on the item."""

from django.db import migrations
from django.db.models import F


def copy_abolition_dates(apps, schema_editor):
    Item = apps.get_model("publishing", "Item")
    Item.objects.filter(validity="abolished", abolished_on=None).update(
        abolished_on=F("expires_on")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0006_item_abolished_on"),
    ]

    operations = [
        migrations.RunPython(copy_abolition_dates, migrations.RunPython.noop),
    ]
