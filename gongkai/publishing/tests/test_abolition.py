"""Abolishing a policy (废止): at once, or from a later 废止日期 by the daily sweep."""

import importlib
from datetime import date

from django.apps import apps

import pytest

from gongkai.core.errors import DomainError, InvalidTransition
from gongkai.core.testing import aware, published_item
from gongkai.portal.cache import public_version
from gongkai.publishing import services
from gongkai.publishing.choices import Action, InfoType, Validity
from gongkai.publishing.models import Item, ReleaseRecord
from gongkai.publishing.tasks import expire_due_items
from gongkai.search.tasks import index_item

pytestmark = pytest.mark.django_db
PUBLISHED = aware(2025, 3, 10, 9, 30)
DECIDED = aware(2025, 12, 20, 10, 0)  # the decision repealing the policy 自2026年1月1日起
REASON = "已被《临江市机动车停放服务管理办法》（临政发〔2025〕9号）废止。"


def policy(team, **overrides):
    overrides.setdefault("title", "临江市停车管理办法")
    overrides.setdefault("info_type", InfoType.NORMATIVE)
    overrides.setdefault("effective_on", date(2025, 3, 10))
    return published_item(team, now=PUBLISHED, **overrides)


def abolish(team, item, now, effective_on=None, reason=REASON):
    return services.item_abolish(
        item=item, actor=team.office, now=now, reason=reason, effective_on=effective_on
    )


def register_actions(item):
    return list(ReleaseRecord.objects.filter(subject_id=item.pk).values_list("action", flat=True))


def test_abolition_without_a_date_takes_effect_today(team):
    item = policy(team, expires_on=date(2030, 3, 9))
    version = public_version()

    item = abolish(team, item, DECIDED)

    item.refresh_from_db()
    assert item.validity == Validity.ABOLISHED and item.abolished_on == date(2025, 12, 20)
    assert item.expires_on == date(2030, 3, 9)  # the document's own 有效期至 stays
    event = item.events.get(action=Action.ABOLISH)
    assert event.reason == REASON and event.actor == team.office and event.is_public
    assert register_actions(item) == [Action.PUBLISH, Action.ABOLISH]
    assert public_version() != version


def test_abolition_from_a_later_day_is_decided_now_and_done_on_that_day(team, monkeypatch):
    item = policy(team)
    enqueued = []
    monkeypatch.setattr(
        services,
        "enqueue_on_commit",
        lambda task, *args, run_after=None, **kw: enqueued.append((task, run_after)),
    )
    version = public_version()

    item = abolish(team, item, DECIDED, effective_on=date(2026, 1, 1), reason=f" {REASON} ")

    item.refresh_from_db()
    assert item.validity == Validity.CURRENT and item.abolished_on == date(2026, 1, 1)
    assert item.abolition_scheduled and item.expires_on is None
    decision = item.events.get(action=Action.ABOLISH_SCHEDULED)
    assert decision.reason == f"自2026年1月1日起废止。{REASON}" and decision.is_public
    assert decision.actor == team.office and decision.at == DECIDED
    assert register_actions(item) == [Action.PUBLISH, Action.ABOLISH_SCHEDULED]
    assert public_version() != version
    assert (expire_due_items, aware(2026, 1, 1, 0, 0)) in enqueued
    assert services.items_expire_due(now=aware(2025, 12, 31, 23, 59)) == []

    enqueued.clear()
    version = public_version()
    sweep = aware(2026, 1, 1, 0, 5)
    (abolished,) = services.items_expire_due(now=sweep)

    assert abolished.pk == item.pk and abolished.validity == Validity.ABOLISHED
    event = abolished.events.get(action=Action.ABOLISH)
    assert event.reason == REASON and event.actor is None and event.at == sweep
    assert register_actions(item) == [Action.PUBLISH, Action.ABOLISH_SCHEDULED, Action.ABOLISH]
    assert ReleaseRecord.objects.get(subject_id=item.pk, action=Action.ABOLISH).publisher == "系统"
    assert public_version() != version
    assert enqueued == [(index_item, None)]  # re-indexed: the search filters by validity
    assert services.items_expire_due(now=aware(2026, 1, 2, 0, 5)) == []


def test_a_policy_is_abolished_once(team):
    scheduled = policy(team)
    abolish(team, scheduled, DECIDED, effective_on=date(2026, 1, 1))
    abolished = policy(team, title="临江市占道停车收费办法")
    abolish(team, abolished, DECIDED)

    for item in (scheduled, abolished):
        for effective_on in (None, date(2026, 2, 1)):
            with pytest.raises(InvalidTransition, match="已经废止或已决定废止"):
                abolish(team, item, DECIDED, effective_on=effective_on)
        item.refresh_from_db()
        assert "abolish" not in services.actions_for(team.office, item)
    assert register_actions(scheduled) == [Action.PUBLISH, Action.ABOLISH_SCHEDULED]
    assert register_actions(abolished) == [Action.PUBLISH, Action.ABOLISH]


def test_abolition_date_before_the_effective_date_is_refused(team):
    item = policy(team, effective_on=date(2025, 4, 1))

    with pytest.raises(DomainError, match="废止日期不能早于施行日期") as refused:
        abolish(team, item, PUBLISHED, effective_on=date(2025, 3, 20))

    assert refused.value.field == "effective_on"
    item.refresh_from_db()
    assert item.validity == Validity.CURRENT and item.abolished_on is None


def test_only_a_policy_in_force_is_abolished_from_a_later_day(team):
    item = policy(team, expires_on=date(2025, 11, 30))
    services.items_expire_due(now=aware(2025, 12, 1, 0, 5))

    with pytest.raises(DomainError, match="不再有效，废止日期不能晚于今天") as refused:
        abolish(team, item, DECIDED, effective_on=date(2026, 1, 1))

    assert refused.value.field == "effective_on"
    item.refresh_from_db()
    assert item.validity == Validity.EXPIRED and item.abolished_on is None
    assert abolish(team, item, DECIDED).validity == Validity.ABOLISHED  # today, as before


@pytest.mark.parametrize(
    ("expires_on", "validity", "reason"),
    [
        (date(2025, 12, 31), Validity.EXPIRED, "有效期至2025年12月31日届满。"),
        (date(2026, 12, 31), Validity.ABOLISHED, REASON),
    ],
)
def test_a_late_sweep_applies_whichever_end_came_first(team, expires_on, validity, reason):
    item = policy(team, expires_on=expires_on)
    abolish(team, item, DECIDED, effective_on=date(2026, 1, 1))

    (changed,) = services.items_expire_due(now=aware(2027, 1, 5, 0, 5))

    assert changed.validity == validity
    assert changed.events.filter(action__in=[Action.ABOLISH, Action.EXPIRE]).get().reason == reason
    assert services.items_expire_due(now=aware(2027, 1, 6, 0, 5)) == []


def test_migration_copies_the_abolition_date_out_of_the_expiry_date(team):
    abolished = policy(team)
    abolish(team, abolished, PUBLISHED)
    # As 0006 found it: the abolition date in 失效日期.
    Item.objects.filter(pk=abolished.pk).update(abolished_on=None, expires_on=date(2025, 3, 1))
    in_force = policy(team, title="临江市占道停车收费办法", expires_on=date(2030, 3, 9))
    migration = importlib.import_module("gongkai.publishing.migrations.0007_copy_abolition_dates")

    migration.copy_abolition_dates(apps, None)

    abolished.refresh_from_db()
    in_force.refresh_from_db()
    assert abolished.abolished_on == date(2025, 3, 1) and abolished.expires_on == date(2025, 3, 1)
    assert in_force.abolished_on is None and in_force.expires_on == date(2030, 3, 9)
