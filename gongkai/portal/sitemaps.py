"""sitemap.xml: an index of sections, each split into pages of at most ``limit`` URLs.

50,000 URLs is the most one sitemap file may hold (sitemaps.org); the index lists every page
of every section (``?p=2``, …), so a portal with millions of items stays crawlable. The
sections are classes, not instances: Django keeps per-request state on a sitemap object.
"""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.db.models.functions import Greatest
from django.urls import reverse

from gongkai.catalog.models import CatalogNode
from gongkai.catalog.selectors import visible_nodes
from gongkai.orgs.models import Organization
from gongkai.publishing.choices import InfoType
from gongkai.publishing.models import ReleaseRecord, Topic
from gongkai.publishing.selectors import published_items

from .selectors import published_interpretations

URLS_PER_PAGE = 50_000


def w3c_datetime(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def latest_public_change() -> datetime | None:
    """When published information last changed: went public, was corrected, withdrawn or
    abolished.

    The release register has one row for each such change, so its newest row dates the item
    and interpretation sections — withdrawals included, which remove a URL — from one primary
    key lookup instead of a scan of the items. (Not filtered by kind: that would make the
    database sort the register; a section dated a little late only costs a re-fetch.)"""
    return ReleaseRecord.objects.order_by("-seq").values_list("at", flat=True).first()


class PageSitemap(Sitemap):
    """The portal's fixed pages and its lists by information type and by topic."""

    limit = URLS_PER_PAGE
    pages = (
        "portal:home",
        "portal:xxgk",
        "portal:item_list",
        "portal:policies",
        "portal:organizations",
        "portal:types",
        "portal:topics",
        "portal:interpretations",
        "foi:home",
        "participation:home",
        "participation:consultations",
        "participation:decisions",
        "participation:meetings",
        "mailbox:qa_list",
        "faq:list",
        "response:home",
        "response:conferences",
        "response:responses",
        "portal:site_map",
        "portal:accessibility",
    )

    def items(self) -> list[tuple[str, tuple]]:
        topics = Topic.objects.order_by("pk").values_list("pk", flat=True)
        return [
            *((name, ()) for name in self.pages),
            *(("portal:type_items", (value,)) for value in InfoType.values),
            *(("portal:topic_items", (pk,)) for pk in topics),
        ]

    def location(self, page: tuple[str, tuple]) -> str:
        name, args = page
        return reverse(name, args=args)


class RowsSitemap(Sitemap):
    """A large section read as ``(pk, lastmod)`` rows, ordered by pk so that a page keeps its
    URLs as new records are published.

    Django's default makes a model instance, a ``reverse()`` and a date-filter call for every
    URL: several seconds for a page of 50,000. Here one ``reverse()`` serves the whole page
    and lastmod is formatted in plain Python (``w3c``), not by the template's date filter.
    """

    limit = URLS_PER_PAGE
    url_name: str

    def items(self) -> QuerySet:
        raise NotImplementedError

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        marker = 987654321
        path = reverse(self.url_name, args=[marker]).replace(str(marker), "{}")
        rows = self.paginator.page(page).object_list
        urls = [
            {"location": origin + path.format(pk), "lastmod": lastmod, "w3c": w3c_datetime(lastmod)}
            for pk, lastmod in rows
        ]
        if urls:  # the view's Last-Modified header
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls

    def get_latest_lastmod(self) -> datetime | None:
        return latest_public_change()


class ItemSitemap(RowsSitemap):
    """Published items; withdrawn ones keep their page but leave the sitemap."""

    url_name = "portal:item"

    def items(self) -> QuerySet:
        return (
            published_items()
            .select_related(None)
            .order_by("pk")
            .values_list("pk", Greatest("published_at", "updated_at"))
        )


class OrganizationSitemap(Sitemap):
    """Each active organization's page with its 公开指南, 公开制度 and 负面清单."""

    limit = URLS_PER_PAGE
    pages = ("portal:organization", "catalog:guide", "catalog:rules", "catalog:negative_list")

    def items(self) -> list[tuple[str, str]]:
        slugs = Organization.objects.filter(is_active=True).order_by("sort_order", "id")
        return [
            (slug, name) for slug in slugs.values_list("slug", flat=True) for name in self.pages
        ]

    def location(self, page: tuple[str, str]) -> str:
        slug, name = page
        return reverse(name, args=[slug])


class CatalogSitemap(Sitemap):
    """Catalog columns the portal shows: active, under active columns, of active organizations."""

    limit = URLS_PER_PAGE

    def items(self) -> list[CatalogNode]:
        nodes = (
            CatalogNode.objects.filter(organization__is_active=True)
            .select_related("organization")
            .only("pk", "parent_id", "is_active", "organization__slug")
            .order_by("organization_id", "sort_order", "id")
        )
        return visible_nodes(list(nodes))

    def location(self, node: CatalogNode) -> str:
        return reverse("portal:catalog_node", args=[node.organization.slug, node.pk])


class InterpretationSitemap(RowsSitemap):
    url_name = "portal:interpretation"

    def items(self) -> QuerySet:
        return (
            published_interpretations()
            .select_related(None)
            .order_by("pk")
            .values_list("pk", "published_at")
        )


SITEMAPS: dict[str, type[Sitemap]] = {
    "pages": PageSitemap,
    "items": ItemSitemap,
    "interpretations": InterpretationSitemap,
    "organizations": OrganizationSitemap,
    "catalog": CatalogSitemap,
}
