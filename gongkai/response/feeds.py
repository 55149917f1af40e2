"""RSS 2.0 and Atom feeds of 回应关切, following ``gongkai.portal.feeds``: one ``Feed`` class
per subject served in both formats (the format chosen in the URLconf). Only what the portal
shows goes out: published press conferences, and released responses of public events with the
event's title — never its monitoring data."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gongkai.core.sanitize import html_to_text
from gongkai.orgs.models import PlatformSettings

from . import selectors
from .models import EventResponse, PressConference

FEED_SIZE = 20
DESCRIPTION_CHARS = 200


def _plain(text: str) -> str:
    return escape(Truncator(" ".join(text.split())).chars(DESCRIPTION_CHARS))


class _Feed(Feed):
    language = "zh-cn"

    def __init__(self, feed_type: type[SyndicationFeed] = Rss201rev2Feed):
        self.feed_type = feed_type

    def subtitle(self) -> str:  # Atom's name for the description
        return self.description()


class ResponsesFeed(_Feed):
    def title(self) -> str:
        return _("%(name)s · 回应关切") % {"name": PlatformSettings.load().site_name}

    def description(self) -> str:
        return _("政府对社会关切和政务舆情的权威发布、新闻发布会和解读回应。")

    def link(self) -> str:
        return reverse("response:responses")

    def items(self):
        return selectors.public_responses()[:FEED_SIZE]

    def item_title(self, item: EventResponse) -> str:
        return f"{item.event.title}（{item.get_kind_display()}）"

    def item_link(self, item: EventResponse) -> str:
        return reverse("response:event", args=[item.event_id])

    def item_guid(self, item: EventResponse) -> str:
        return f"{reverse('response:event', args=[item.event_id])}#response-{item.pk}"

    item_guid_is_permalink = False

    def item_description(self, item: EventResponse) -> str:
        return _plain(item.summary)

    def item_pubdate(self, item: EventResponse) -> datetime:
        return item.released_at

    def item_author_name(self, item: EventResponse) -> str:
        return item.event.responsible_organization.name

    def item_categories(self, item: EventResponse) -> list[str]:
        return [item.get_kind_display()]


class PressConferencesFeed(_Feed):
    def title(self) -> str:
        return _("%(name)s · 新闻发布会") % {"name": PlatformSettings.load().site_name}

    def description(self) -> str:
        return _("新闻发布会的发布人、实录和相关政策解读。")

    def link(self) -> str:
        return reverse("response:conferences")

    def items(self):
        return selectors.published_conferences()[:FEED_SIZE]

    def item_title(self, item: PressConference) -> str:
        return item.topic

    def item_link(self, item: PressConference) -> str:
        return reverse("response:conference", args=[item.pk])

    def item_description(self, item: PressConference) -> str:
        speakers = "、".join(f"{s.name}（{s.post}）" for s in item.speakers.all())
        head = _("发布人：%(speakers)s。") % {"speakers": speakers} if speakers else ""
        return _plain(head + html_to_text(item.transcript))

    def item_pubdate(self, item: PressConference) -> datetime:
        return item.published_at

    def item_updateddate(self, item: PressConference) -> datetime:
        return max(item.published_at, item.updated_at)

    def item_author_name(self, item: PressConference) -> str:
        return item.organization.name

    def item_categories(self, item: PressConference) -> list[str]:
        return [_("新闻发布会")]
