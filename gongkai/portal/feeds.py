"""RSS 2.0 and Atom feeds of published information, for news readers and for syndication to
the government's other channels (两微一端, the website group).

One ``Feed`` class per subject — the whole site, an organization, a catalog column, an
information type — each served in both formats (``feed_type`` is chosen in the URLconf).
``get_object`` resolves the subject to a ``Channel`` (titles, page link, items), so the way an
item is written is shared. Items come from ``published_items()``: withdrawn ones never appear.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gongkai.catalog.models import CatalogNode
from gongkai.catalog.selectors import node_with_ancestors
from gongkai.core.sanitize import html_to_text
from gongkai.orgs.models import PlatformSettings
from gongkai.publishing.choices import InfoType
from gongkai.publishing.models import Item
from gongkai.publishing.selectors import published_items

from . import selectors

FEED_SIZE = 20
DESCRIPTION_CHARS = 200


@dataclass
class Channel:
    """What one feed is about: its titles, the portal page it mirrors and its items."""

    title: str
    description: str
    link: str
    items: QuerySet[Item]


def item_summary(item: Item) -> str:
    """Plain text for a feed entry: the 内容概述, or failing that the start of the body."""
    text = " ".join((item.summary or html_to_text(item.body)).split())
    return Truncator(text).chars(DESCRIPTION_CHARS)


class ItemsFeed(Feed):
    language = "zh-cn"

    def __init__(self, feed_type: type[SyndicationFeed] = Rss201rev2Feed):
        self.feed_type = feed_type

    def get_object(self, request, *args, **kwargs) -> Channel:
        raise NotImplementedError

    def title(self, obj: Channel) -> str:
        return obj.title

    def description(self, obj: Channel) -> str:
        return obj.description

    def subtitle(self, obj: Channel) -> str:  # Atom's name for the description
        return obj.description

    def link(self, obj: Channel) -> str:
        return obj.link

    def items(self, obj: Channel) -> QuerySet[Item]:
        return obj.items[:FEED_SIZE]

    def item_title(self, item: Item) -> str:
        return item.title

    def item_link(self, item: Item) -> str:
        # Also the guid / Atom id: an item keeps its URL for life, withdrawn or corrected.
        return reverse("portal:item", args=[item.pk])

    def item_description(self, item: Item) -> str:
        # The description is HTML by definition (RSS) or declared so (Atom summary type="html"):
        # escaping the plain text keeps any "<" in it from being read as markup.
        return escape(item_summary(item))

    def item_pubdate(self, item: Item) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Item) -> datetime:
        # Later than the publication only after a correction or abolition (Atom <updated>).
        return max(item.published_at, item.updated_at)

    def item_author_name(self, item: Item) -> str:
        return item.organization.name

    def item_categories(self, item: Item) -> list[str]:
        return [item.get_info_type_display()]


class LatestFeed(ItemsFeed):
    def get_object(self, request) -> Channel:
        site_name = PlatformSettings.load().site_name
        return Channel(
            title=_("%(name)s · 最新公开信息") % {"name": site_name},
            description=_("%(name)s最新主动公开的政府信息") % {"name": site_name},
            link=reverse("portal:home"),
            items=published_items(),
        )


class OrganizationFeed(ItemsFeed):
    """What the organization's page lists: items it issued or co-issued."""

    def get_object(self, request, slug: str) -> Channel:
        org = selectors.public_organization(slug)
        return Channel(
            title=_("%(name)s · 最新公开信息") % {"name": org.name},
            description=_("%(name)s最新主动公开的政府信息") % {"name": org.name},
            link=reverse("portal:organization", args=[org.slug]),
            items=selectors.organization_items(org),
        )


class CatalogNodeFeed(ItemsFeed):
    """Items filed under one column; 404 when the column or any column above it is hidden."""

    def get_object(self, request, node_id: int) -> Channel:
        node = CatalogNode.objects.select_related("organization").get(
            pk=node_id, organization__is_active=True
        )
        if not all(column.is_active for column in node_with_ancestors(node)):
            raise Http404
        org = node.organization
        return Channel(
            title=f"{org.name} · {node.name}",
            description=_("%(org)s“%(node)s”栏目最新公开的政府信息")
            % {"org": org.name, "node": node.name},
            link=reverse("portal:catalog_node", args=[org.slug, node.pk]),
            items=selectors.node_items(node.pk),
        )


class InfoTypeFeed(ItemsFeed):
    def get_object(self, request, info_type: str) -> Channel:
        if info_type not in InfoType.values:
            raise Http404
        label = InfoType(info_type).label
        site_name = PlatformSettings.load().site_name
        return Channel(
            title=f"{site_name} · {label}",
            description=_("%(name)s最新公开的%(type)s") % {"name": site_name, "type": label},
            link=reverse("portal:type_items", args=[info_type]),
            items=published_items().filter(info_type=info_type),
        )
