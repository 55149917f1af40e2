"""Art. 44 conversions: an application leads to one conversion at most, in the database too.

The links move from the implicit many-to-many table to ``ConversionApplication``, whose
``application`` is unique. The service has always refused a second conversion, so no database
should hold one; if one does, the migration stops and names the applications to sort out.
"""

from collections import Counter

import django.db.models.deletion
from django.db import migrations, models


def _links(model):
    return list(
        model.objects.order_by("application_id", "conversion_id").values_list(
            "conversion_id", "application_id"
        )
    )


def to_through_model(apps, schema_editor):
    Conversion = apps.get_model("foi", "Conversion")
    ConversionApplication = apps.get_model("foi", "ConversionApplication")
    links = _links(Conversion._meta.get_field("applications").remote_field.through)
    counts = Counter(application for _conversion, application in links)
    twice = sorted(a for a, n in counts.items() if n > 1)
    if twice:
        raise RuntimeError(
            "以下申请（id）属于多项转为主动公开记录，请先处理后再迁移："
            + "、".join(str(a) for a in twice)
        )
    ConversionApplication.objects.bulk_create(
        ConversionApplication(conversion_id=c, application_id=a) for c, a in links
    )


def to_implicit_table(apps, schema_editor):
    Conversion = apps.get_model("foi", "Conversion")
    ConversionApplication = apps.get_model("foi", "ConversionApplication")
    through = Conversion._meta.get_field("applications").remote_field.through
    through.objects.bulk_create(
        through(conversion_id=c, application_id=a) for c, a in _links(ConversionApplication)
    )


class Migration(migrations.Migration):
    dependencies = [("foi", "0003_art35_reasons_and_deferral")]

    operations = [
        migrations.CreateModel(
            name="ConversionApplication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="foi.application"
                    ),
                ),
                (
                    "conversion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="foi.conversion"
                    ),
                ),
            ],
            options={
                "verbose_name": "转为主动公开的申请",
                "verbose_name_plural": "转为主动公开的申请",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("application",), name="foi_conversion_one_per_application"
                    )
                ],
            },
        ),
        migrations.RunPython(to_through_model, to_implicit_table),
        migrations.RemoveField(model_name="conversion", name="applications"),
        migrations.AddField(
            model_name="conversion",
            name="applications",
            field=models.ManyToManyField(
                related_name="conversions",
                through="foi.ConversionApplication",
                to="foi.application",
            ),
        ),
    ]
