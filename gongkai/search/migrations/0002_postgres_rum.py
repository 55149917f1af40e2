"""PostgreSQL only: the RUM extension and the index the postgres search engine ranks with.

RUM is not a trusted extension: creating it needs a superuser. Where the database user is not
one, an administrator runs ``CREATE EXTENSION rum;`` once (in template1 to cover test
databases too) and the migration finds it there. On other databases nothing happens.
"""

from django.db import migrations

INDEX = "search_doc_tsv_rum"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
        if cursor.fetchone() is None:
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
            if cursor.fetchone() is None:
                raise RuntimeError(
                    "PostgreSQL 的 RUM 扩展未安装：请安装 postgresql-15-rum（Debian）后重新运行 migrate。"
                    " / The RUM extension is not installed: apt-get install postgresql-15-rum."
                )
            cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        # Keep the word vector in the row, compressed with lz4: checking a frequent word's
        # newest matches then reads no TOAST table and decompresses fast.
        cursor.execute(
            "ALTER TABLE search_searchdocument ALTER COLUMN tsv SET STORAGE MAIN, "
            "ALTER COLUMN tsv SET COMPRESSION lz4"
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchdocument "
            "USING rum (tsv rum_tsvector_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
