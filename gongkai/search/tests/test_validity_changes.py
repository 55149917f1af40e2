"""The validity filter follows a policy's validity as it changes after publication: expired by
the daily sweep, amended by a published document."""

from datetime import date

import pytest

from gongkai.core.testing import aware
from gongkai.publishing import services
from gongkai.publishing.choices import InfoType, RelationKind, Validity
from gongkai.search import SearchQuery, search

pytestmark = pytest.mark.django_db
POLICY = {"info_type": InfoType.NORMATIVE, "body": "<p>本办法规范共享单车停放秩序。</p>"}


def found(q: str, validity: str) -> list[int]:
    return [hit.item_id for hit in search(SearchQuery(q=q, validity=validity)).hits]


def test_expired_policy_no_longer_matches_current_after_the_sweep(
    engine, publish, django_capture_on_commit_callbacks
):
    item = publish(title="共享单车停放管理暂行办法", expires_on=date(2025, 3, 31), **POLICY)
    assert found("共享单车", Validity.CURRENT) == [item.pk]

    with django_capture_on_commit_callbacks(execute=True):
        services.items_expire_due(now=aware(2025, 3, 31, 23, 59))
    assert found("共享单车", Validity.CURRENT) == [item.pk]  # in force on its last day

    with django_capture_on_commit_callbacks(execute=True):
        services.items_expire_due(now=aware(2025, 4, 1, 0, 5))
    assert found("共享单车", Validity.CURRENT) == []
    assert found("共享单车", Validity.EXPIRED) == [item.pk]


def test_amended_policy_matches_amended(engine, publish, django_capture_on_commit_callbacks):
    old = publish(title="共享单车停放管理办法", **POLICY)
    new = publish(title="关于修改停放管理办法的决定", **POLICY)

    with django_capture_on_commit_callbacks(execute=True):
        services.item_relation_add(
            source=new,
            target=old,
            kind=RelationKind.AMENDS,
            actor=publish.team.office,
            now=aware(2025, 3, 11, 9),
        )

    assert found("共享单车", Validity.AMENDED) == [old.pk]
    assert found("共享单车", Validity.CURRENT) == [new.pk]
