"""A policy's validity follows its 失效日期: the expiry sweep, expired at publication or by a
correction, and the command cron runs (which also carries out scheduled abolitions, see
``test_abolition``)."""

from datetime import date
from io import StringIO

from django.core.management import call_command

import pytest

from gongkai.core.testing import aware, item_fields, published_item
from gongkai.portal.cache import public_version
from gongkai.publishing import services
from gongkai.publishing.choices import Action, InfoType, RelationKind, Status, Validity
from gongkai.publishing.models import ItemEvent, ReleaseRecord
from gongkai.publishing.tasks import expire_due_items
from gongkai.search.tasks import index_item

pytestmark = pytest.mark.django_db
NOW = aware(2025, 3, 10, 9, 30)
POLICY = InfoType.NORMATIVE


def policy(team, **overrides):
    overrides.setdefault("title", "临江市共享单车停放管理暂行办法")
    overrides.setdefault("info_type", POLICY)
    return published_item(team, now=NOW, **overrides)


def public_actions(item):
    return [event.action for event in item.events.all() if event.is_public]


def test_policy_is_in_force_through_its_expiry_day_and_expires_the_next(team, monkeypatch):
    item = policy(team, effective_on=date(2025, 3, 10), expires_on=date(2026, 11, 22))

    assert services.items_expire_due(now=aware(2026, 11, 22, 23, 59)) == []
    item.refresh_from_db()
    assert item.validity == Validity.CURRENT

    enqueued = []
    monkeypatch.setattr(
        services, "enqueue_on_commit", lambda task, *args, **kw: enqueued.append((task, args))
    )
    version = public_version()
    midnight = aware(2026, 11, 23, 0, 0)
    (expired,) = services.items_expire_due(now=midnight)

    assert expired.pk == item.pk and expired.validity == Validity.EXPIRED
    assert expired.updated_at == midnight and expired.status == Status.PUBLISHED
    event = expired.events.get(action=Action.EXPIRE)
    assert event.reason == "有效期至2026年11月22日届满。"
    assert event.actor is None and event.at == midnight and event.is_public
    record = ReleaseRecord.objects.get(subject_id=item.pk, action=Action.EXPIRE)
    assert record.publisher == "系统" and record.at == midnight
    assert public_version() != version
    assert enqueued == [(index_item, (item.pk,))]


def test_publishing_a_policy_schedules_its_expiry_for_the_day_after(team, monkeypatch):
    enqueued = []
    monkeypatch.setattr(
        services,
        "enqueue_on_commit",
        lambda task, *args, run_after=None, **kw: enqueued.append((task, run_after)),
    )
    policy(team, expires_on=date(2026, 11, 22))

    assert (expire_due_items, aware(2026, 11, 23, 0, 0)) in enqueued
    enqueued.clear()
    policy(team, title="长期有效的办法")  # no 失效日期, no expiry job
    assert all(task is not expire_due_items for task, _at in enqueued)


def test_validity_jobs_are_scheduled_again_after_a_bulk_load(team, monkeypatch):
    policy(team, title="到期的办法", expires_on=date(2026, 11, 22))
    policy(team, title="早已失效的办法", expires_on=date(2025, 1, 31))
    repealed = policy(team, title="将废止的办法")
    services.item_abolish(
        item=repealed,
        actor=team.office,
        now=NOW,
        reason="已被新办法取代",
        effective_on=date(2026, 1, 1),
    )
    enqueued = []
    monkeypatch.setattr(
        services,
        "enqueue_on_commit",
        lambda task, *args, run_after=None, **kw: enqueued.append((task, run_after)),
    )

    services.validity_jobs_schedule(today=date(2025, 12, 1))

    assert enqueued == [
        (expire_due_items, aware(2026, 1, 1, 0, 0)),
        (expire_due_items, aware(2026, 11, 23, 0, 0)),
    ]


def test_expiry_sweep_is_idempotent(team):
    item = policy(team, expires_on=date(2025, 12, 31))
    later = aware(2026, 1, 5, 0, 5)

    assert len(services.items_expire_due(now=later)) == 1
    assert services.items_expire_due(now=later) == []
    assert services.items_expire_due(now=aware(2026, 2, 1, 0, 5)) == []

    assert item.events.filter(action=Action.EXPIRE).count() == 1
    assert ReleaseRecord.objects.filter(action=Action.EXPIRE).count() == 1


def test_expiry_sweep_takes_only_published_policies_in_force(team):
    amended = policy(team, title="已修改的办法", expires_on=date(2025, 6, 30))
    services.item_relation_add(
        source=policy(team, title="关于修改有关办法的决定"),
        target=amended,
        kind=RelationKind.AMENDS,
        actor=team.office,
        now=NOW,
    )
    abolished = policy(team, title="已废止的办法", expires_on=date(2025, 6, 30))
    services.item_abolish(item=abolished, actor=team.office, now=NOW, reason="已被取代")
    withdrawn = policy(team, title="已撤回的办法", expires_on=date(2025, 6, 30))
    services.item_withdraw(item=withdrawn, actor=team.office, now=NOW, reason="发布有误")
    open_ended = policy(team, title="长期有效的办法")
    notice = published_item(team, now=NOW, title="停车场临时关闭公告", expires_on=date(2025, 6, 30))
    draft = services.item_create(
        organization=team.org,
        actor=team.drafter,
        now=NOW,
        **item_fields(title="尚未发布的办法", info_type=POLICY, expires_on=date(2025, 6, 30)),
    )

    expired = services.items_expire_due(now=aware(2025, 7, 1, 0, 5))

    assert [item.pk for item in expired] == [amended.pk]  # amended is still in force
    for item, validity in [
        (abolished, Validity.ABOLISHED),
        (withdrawn, Validity.CURRENT),
        (open_ended, Validity.CURRENT),
        (notice, ""),
        (draft, ""),
    ]:
        item.refresh_from_db()
        assert item.validity == validity, item.title
    assert not ItemEvent.objects.exclude(item=amended).filter(action=Action.EXPIRE).exists()


def test_publishing_a_policy_past_its_expiry_publishes_it_as_expired(team):
    item = policy(
        team,
        written_on=date(2020, 1, 6),
        effective_on=date(2020, 2, 1),
        expires_on=date(2025, 1, 31),
    )

    assert item.status == Status.PUBLISHED and item.validity == Validity.EXPIRED
    assert public_actions(item) == [Action.PUBLISH, Action.EXPIRE]
    assert item.events.get(action=Action.EXPIRE).actor == team.office
    assert list(ReleaseRecord.objects.values_list("action", flat=True)) == [
        Action.PUBLISH,
        Action.EXPIRE,
    ]


def test_policy_published_on_its_last_day_is_in_force(team):
    item = policy(team, expires_on=NOW.date())

    assert item.validity == Validity.CURRENT
    assert public_actions(item) == [Action.PUBLISH]


def test_correcting_the_expiry_into_the_past_expires_the_policy(team):
    item = policy(team, expires_on=date(2027, 3, 9))

    item = services.item_correct(
        item=item,
        actor=team.office,
        now=NOW,
        reason="失效日期录入有误",
        expires_on=date(2025, 3, 9),
    )

    assert item.validity == Validity.EXPIRED
    assert public_actions(item) == [Action.PUBLISH, Action.CORRECT, Action.EXPIRE]
    assert item.events.get(action=Action.EXPIRE).reason == "有效期至2025年3月9日届满。"


def test_expire_policies_command(team):
    # Both dates long past on the real clock.
    item = policy(team, expires_on=date(2025, 3, 31))
    repealed = policy(team, title="临江市停车管理办法")
    later = date(2025, 6, 1)
    services.item_abolish(
        item=repealed, actor=team.office, now=NOW, reason="已被取代", effective_on=later
    )
    out = StringIO()

    call_command("expire_policies", stdout=out)

    item.refresh_from_db()
    repealed.refresh_from_db()
    assert item.validity == Validity.EXPIRED and repealed.validity == Validity.ABOLISHED
    assert f"{item.index_number} 临江市共享单车停放管理暂行办法 失效" in out.getvalue()
    assert f"{repealed.index_number} 临江市停车管理办法 废止" in out.getvalue()
    assert "expired or abolished 2 policy item(s)" in out.getvalue()
    out = StringIO()
    call_command("expire_policies", stdout=out)
    assert "expired or abolished 0 policy item(s)" in out.getvalue()
