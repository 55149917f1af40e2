"""Art. 35 of the Regulation on the clock: 要求说明理由 and 确定延迟答复期限 as clock events, and
their two notices (说明理由告知书, 延迟答复告知书) seeded as editable templates.

Only missing rows are added, so templates staff have already edited stay as they are.
"""

from django.db import migrations, models

NEW_KINDS = ("reasons", "deferral")


def seed(apps, schema_editor):
    from gongkai.foi.letter_defaults import default_rows

    LetterTemplate = apps.get_model("foi", "LetterTemplate")
    for row in default_rows():
        if row["kind"] in NEW_KINDS:
            LetterTemplate.objects.get_or_create(
                kind=row["kind"],
                outcome=row["outcome"],
                defaults={"title": row["title"], "body": row["body"]},
            )


class Migration(migrations.Migration):

    dependencies = [
        ('foi', '0002_letter_templates'),
    ]

    operations = [
        migrations.AlterField(
            model_name='clockentry',
            name='kind',
            field=models.CharField(choices=[('supplement_requested', '补正告知'), ('supplement_received', '收到补正材料'), ('supplement_lapsed', '逾期未补正'), ('consultation_started', '征求意见'), ('consultation_ended', '征求意见结束'), ('extension_approved', '延长答复期限'), ('fee_notice_sent', '收费通知'), ('fee_paid', '缴纳费用'), ('fee_lapsed', '逾期未缴费'), ('reasons_requested', '要求说明理由'), ('deferral_set', '确定延迟答复期限'), ('replied', '答复')], max_length=24, verbose_name='事项'),
        ),
        migrations.AlterField(
            model_name='clockentry',
            name='until',
            field=models.DateField(blank=True, help_text='补正告知：补正期限；确定延迟答复期限：延迟答复的期限（条例第三十五条）。', null=True, verbose_name='期限'),
        ),
        migrations.AlterField(
            model_name='letter',
            name='kind',
            field=models.CharField(choices=[('reply', '政府信息公开申请答复书'), ('supplement', '补正申请告知书'), ('extension', '延期答复告知书'), ('fee', '收费通知书'), ('consultation', '征求意见函'), ('reasons', '说明理由告知书'), ('deferral', '延迟答复告知书')], max_length=16, verbose_name='文书类型'),
        ),
        migrations.AlterField(
            model_name='lettertemplate',
            name='kind',
            field=models.CharField(choices=[('reply', '政府信息公开申请答复书'), ('supplement', '补正申请告知书'), ('extension', '延期答复告知书'), ('fee', '收费通知书'), ('consultation', '征求意见函'), ('reasons', '说明理由告知书'), ('deferral', '延迟答复告知书')], max_length=16, verbose_name='文书类型'),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
