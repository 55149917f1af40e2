"""RSS 2.0 and Atom feeds of consultations (意见征集), following ``gongkai.portal.feeds``: one
``Feed`` class served in both formats, the format chosen in the URLconf. Only what the portal
shows goes out: no comment, no commenter."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gongkai.orgs.models import PlatformSettings

from . import selectors
from .models import Consultation

FEED_SIZE = 20
DESCRIPTION_CHARS = 200


class ConsultationsFeed(Feed):
    language = "zh-cn"

    def __init__(self, feed_type: type[SyndicationFeed] = Rss201rev2Feed):
        self.feed_type = feed_type

    def title(self) -> str:
        return _("%(name)s · 意见征集") % {"name": PlatformSettings.load().site_name}

    def description(self) -> str:
        return _("公开征求意见的政策文件草案和重大行政决策草案，以及意见采纳情况反馈。")

    def subtitle(self) -> str:
        return self.description()

    def link(self) -> str:
        return reverse("participation:consultations")

    def items(self):
        return selectors.published_consultations()[:FEED_SIZE]

    def item_title(self, item: Consultation) -> str:
        return item.title

    def item_link(self, item: Consultation) -> str:
        return reverse("participation:consultation", args=[item.pk])

    def item_description(self, item: Consultation) -> str:
        period = _("征求意见时间：%(start)s至%(end)s。") % {
            "start": f"{item.opens_on:%Y-%m-%d}",
            "end": f"{item.closes_on:%Y-%m-%d}",
        }
        text = " ".join(f"{period}{item.explanation}".split())
        return escape(Truncator(text).chars(DESCRIPTION_CHARS))

    def item_pubdate(self, item: Consultation) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Consultation) -> datetime:
        moments = [item.published_at, item.closed_at]
        if item.has_report():
            moments.append(item.report.published_at)
        return max(m for m in moments if m is not None)

    def item_author_name(self, item: Consultation) -> str:
        return item.organization.name

    def item_categories(self, item: Consultation) -> list[str]:
        return [_("重大行政决策草案") if item.is_major_decision else _("政策文件草案")]
