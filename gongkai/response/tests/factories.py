"""Test helpers: events, responses and press conferences made through the services."""

from datetime import timedelta

from gongkai.core.testing import aware
from gongkai.publishing.models import Item
from gongkai.response import services
from gongkai.response.choices import EventLevel, ResponseKind, SourceKind

_serial = iter(range(1, 10**6))


def published_item(org, title="关于滨江街道供水水质检测结果的通报", at=None) -> Item:
    at = at or aware(2025, 10, 2, 2, 0)
    return Item.objects.create(
        organization=org,
        index_number=f"{org.code}/2025-{next(_serial):05d}",
        title=title,
        written_on=at.date(),
        info_type="notice",
        created_at=at,
        updated_at=at,
        status="published",
        published_at=at,
    )


def event(city, *, level=EventLevel.MAJOR, first_seen_at=None, actor=None, **extra):
    first_seen_at = first_seen_at or aware(2025, 10, 1, 22, 30)
    extra.setdefault("place", city.town)
    extra.setdefault("subject", city.education)
    return services.event_record(
        reported_by=extra.pop("reported_by", city.city),
        title=extra.pop("title", "网传某校食堂食材过期"),
        source_kind=SourceKind.ONLINE_MEDIA,
        source_detail="https://bbs.example.com/t/1",
        summary=extra.pop("summary", "论坛帖子称某校食堂使用过期食材，附有图片。"),
        level=level,
        first_seen_at=first_seen_at,
        actor=actor or city.city_office,
        now=first_seen_at + timedelta(minutes=10),
        **extra,
    )


def respond(event, actor, *, at=None, kind=ResponseKind.AUTHORITATIVE, **extra):
    at = at or event.first_seen_at + timedelta(hours=2)
    return services.response_record(
        event=event,
        kind=kind,
        released_at=at,
        summary=extra.pop("summary", "市教育局通报：经现场核查，该校食材均在保质期内。"),
        actor=actor,
        now=at + timedelta(minutes=5),
        **extra,
    )


def conference(org, actor, *, held_at, principal=True, publish=True, **data):
    data.setdefault("topic", "秋季开学工作新闻发布会")
    data["held_at"] = held_at
    data.setdefault("transcript", "<p>主持人：各位记者朋友，上午好。</p>")
    made = services.press_conference_create(
        organization=org,
        data=data,
        speakers=[
            {"name": "李华", "post": "局长", "is_principal_leader": principal},
            {"name": "周平", "post": "副局长", "is_principal_leader": False},
        ],
        actor=actor,
        now=held_at - timedelta(days=1),
    )
    if publish:
        services.press_conference_publish(
            conference=made, actor=actor, now=held_at + timedelta(hours=3)
        )
    return made
