"""What the PostgreSQL engine searches, and which dictionary each index was built with."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TSVectorField(models.Field):
    """A ``tsvector`` column on PostgreSQL; plain text elsewhere (unused there)."""

    description = "PostgreSQL tsvector"

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchDocument(models.Model):
    """One published item as the PostgreSQL engine sees it: its words as a ``tsvector``
    (title words weighted A, the rest C) and the columns the filters and sorting need.

    The table exists on every database; its RUM index only on PostgreSQL (migration 0002).
    It is derived data, rebuilt by ``manage.py search_rebuild --backend postgres``."""

    item = models.OneToOneField(
        "publishing.Item",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    organization_id = models.BigIntegerField()
    info_type = models.CharField(max_length=16)
    topic_id = models.BigIntegerField(null=True)
    published_at = models.DateTimeField()
    validity = models.CharField(max_length=12, blank=True)
    document_number_key = models.CharField(max_length=60, blank=True)
    index_number = models.CharField(max_length=60)
    tsv = TSVectorField(null=True)

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")
        # Newest-first walks for words in many items (see the postgres engine), alone or
        # within an organization or a type.
        indexes = [
            models.Index(models.F("published_at").desc(), name="search_doc_published"),
            models.Index(
                "organization_id", models.F("published_at").desc(), name="search_doc_org_published"
            ),
            models.Index(
                "info_type", models.F("published_at").desc(), name="search_doc_type_published"
            ),
            models.Index(
                "topic_id", models.F("published_at").desc(), name="search_doc_topic_published"
            ),
            # Exact 文号 and 索引号 (plain B-trees: no LIKE on them).
            models.Index("document_number_key", name="search_doc_number"),
            models.Index("index_number", name="search_doc_index_number"),
        ]

    def __str__(self):
        return str(self.item_id)


class IndexState(models.Model):
    """The dictionary and schema version an index was last built with."""

    backend = models.CharField(max_length=20, unique=True)
    dictionary_version = models.CharField(max_length=20)
    schema_version = models.PositiveIntegerField(default=1)
    doc_count = models.PositiveIntegerField(default=0)
    built_at = models.DateTimeField()

    class Meta:
        verbose_name = _("索引状态")
        verbose_name_plural = _("索引状态")

    def __str__(self):
        return f"{self.backend} {self.dictionary_version}"
