"""A starting list of spam words; staff keep it up to date in the admin. A match only flags the
comment for the moderators, it never drops it."""

from django.db import migrations

WORDS = (
    ("代开发票", "广告"),
    ("发票代开", "广告"),
    ("网络赌博", "违法信息"),
    ("博彩", "违法信息"),
    ("六合彩", "违法信息"),
    ("刷单", "广告"),
    ("日赚", "广告"),
    ("加微信", "广告"),
    ("加V", "广告"),
    ("信用卡套现", "广告"),
    ("无抵押贷款", "广告"),
    ("代办证件", "违法信息"),
)


def add_words(apps, schema_editor):
    SpamWord = apps.get_model("participation", "SpamWord")
    for word, note in WORDS:
        SpamWord.objects.get_or_create(word=word, defaults={"note": note})


def remove_words(apps, schema_editor):
    SpamWord = apps.get_model("participation", "SpamWord")
    SpamWord.objects.filter(word__in=[word for word, _note in WORDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(add_words, remove_words)]
