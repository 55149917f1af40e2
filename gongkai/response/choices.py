"""Coded values of 回应关切, defined once: event levels, sources, statuses, response kinds and
the two hour clocks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventLevel(models.TextChoices):
    """The scale of a public-opinion event, from the smallest to the largest."""

    GENERAL = "general", _("一般")
    LARGE = "large", _("较大")
    MAJOR = "major", _("重大")
    EXTRAORDINARY = "extraordinary", _("特别重大")


# The levels whose responsibility lies with the city (分级负责, see routing.py).
CITY_LEVELS = (EventLevel.LARGE, EventLevel.MAJOR, EventLevel.EXTRAORDINARY)


class SourceKind(models.TextChoices):
    ONLINE_MEDIA = "online_media", _("网络媒体")
    TRADITIONAL_MEDIA = "traditional_media", _("传统媒体")
    SELF_MEDIA = "self_media", _("自媒体")
    PETITION = "petition", _("信访")
    HOTLINE = "hotline", _("12345热线")
    OTHER = "other", _("其他")


class EventStatus(models.TextChoices):
    MONITORING = "monitoring", _("监测中")
    HANDLING = "handling", _("处置中")
    RESPONDED = "responded", _("已回应")
    EVALUATED = "evaluated", _("已评估")
    ARCHIVED = "archived", _("已归档")


# Events whose clocks still run and whose missed clocks are escalated.
OPEN_STATUSES = (EventStatus.MONITORING, EventStatus.HANDLING, EventStatus.RESPONDED)


class ResponseKind(models.TextChoices):
    AUTHORITATIVE = "authoritative", _("权威发布")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    PRESS_QA = "press_qa", _("答记者问")
    INTERPRETATION = "interpretation", _("政策解读")
    OTHER = "other", _("其他")


# What stops the first clock: an authoritative statement by the government itself. A policy
# interpretation or another kind of reply is recorded as a response but does not count.
FIRST_RELEASE_KINDS = (
    ResponseKind.AUTHORITATIVE,
    ResponseKind.PRESS_CONFERENCE,
    ResponseKind.PRESS_QA,
)


class ClockKind(models.TextChoices):
    FIRST_RELEASE = "first_release", _("首次权威发布")
    PRESS_CONFERENCE = "press_conference", _("举行新闻发布会")
