"""RSS 2.0 and Atom feeds of the published questions and answers, following
``gongkai.participation.feeds``. Only the published, de-identified versions go out."""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gongkai.orgs.models import PlatformSettings

from . import selectors
from .models import Message

FEED_SIZE = 20
DESCRIPTION_CHARS = 200


class AnswersFeed(Feed):
    language = "zh-cn"

    def __init__(self, feed_type: type[SyndicationFeed] = Rss201rev2Feed):
        self.feed_type = feed_type

    def title(self) -> str:
        return _("%(name)s · 政民互动答复") % {"name": PlatformSettings.load().site_name}

    def description(self) -> str:
        return _("经写信人同意、去除个人信息后公开的来信和答复。")

    def subtitle(self) -> str:
        return self.description()

    def link(self) -> str:
        return reverse("mailbox:qa_list")

    def items(self):
        return selectors.public_messages()[:FEED_SIZE]

    def item_title(self, item: Message) -> str:
        return item.public_subject

    def item_link(self, item: Message) -> str:
        return reverse("mailbox:qa_detail", args=[item.pk])

    def item_description(self, item: Message) -> str:
        text = " ".join(f"{item.public_question} {_('答复：')}{item.public_reply}".split())
        return escape(Truncator(text).chars(DESCRIPTION_CHARS))

    def item_pubdate(self, item: Message) -> datetime:
        return item.published_at

    def item_author_name(self, item: Message) -> str:
        return item.reply_organization.name if item.reply_organization_id else ""
