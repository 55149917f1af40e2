"""RSS 2.0 and Atom feeds of consultations (意见征集) and of meetings open to the public (会议公开),
following ``gongkai.portal.feeds``: one ``Feed`` class each, served in both formats, the format
chosen in the URLconf. Only what the portal shows goes out: no comment, no commenter, no
applicant to a meeting."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gongkai.orgs.models import PlatformSettings

from . import selectors
from .models import Consultation, Meeting

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


class MeetingsFeed(Feed):
    """Announced meetings, newest announcement first; an entry is updated when the meeting
    is held and when its 议定事项 are published."""

    language = "zh-cn"

    def __init__(self, feed_type: type[SyndicationFeed] = Rss201rev2Feed):
        self.feed_type = feed_type

    def title(self) -> str:
        return _("%(name)s · 会议公开") % {"name": PlatformSettings.load().site_name}

    def description(self) -> str:
        return _("政府会议的议题、公开方式和公众列席安排，以及会后公布的议定事项。")

    def subtitle(self) -> str:
        return self.description()

    def link(self) -> str:
        return reverse("participation:meetings")

    def items(self):
        return selectors.public_meetings().order_by("-announced_at", "-id")[:FEED_SIZE]

    def item_title(self, item: Meeting) -> str:
        return item.title

    def item_link(self, item: Meeting) -> str:
        return reverse("participation:meeting", args=[item.pk])

    def item_description(self, item: Meeting) -> str:
        when = _("召开时间：%(when)s；地点：%(where)s；%(openness)s。") % {
            "when": f"{timezone.localtime(item.held_at):%Y-%m-%d %H:%M}",
            "where": item.location,
            "openness": item.get_openness_display(),
        }
        text = " ".join(f"{when}{item.description}".split())
        return escape(Truncator(text).chars(DESCRIPTION_CHARS))

    def item_pubdate(self, item: Meeting) -> datetime:
        return item.announced_at

    def item_updateddate(self, item: Meeting) -> datetime:
        moments = [item.announced_at, item.updated_at, item.reported_at]
        return max(m for m in moments if m is not None)

    def item_author_name(self, item: Meeting) -> str:
        return item.organization.name

    def item_categories(self, item: Meeting) -> list[str]:
        return [item.get_kind_display(), item.get_status_display()]
