"""Portal test data, made through the same services staff use."""

from gongkai.core.testing import aware, item_fields
from gongkai.interpretation import services as interpretation_services
from gongkai.interpretation.models import Form
from gongkai.publishing import services
from gongkai.publishing.choices import Attribute, Status

NOW = aware(2025, 3, 10, 9, 30)


def draft(team, *, now=NOW, catalog_nodes=(), co_issuers=(), **overrides):
    return services.item_create(
        organization=team.org,
        actor=team.drafter,
        now=now,
        catalog_nodes=catalog_nodes,
        co_issuers=co_issuers,
        **item_fields(**overrides),
    )


def approve(team, item, *, now=NOW):
    services.item_submit(item=item, actor=team.drafter, now=now)
    services.item_approve(item=item, actor=team.reviewer, now=now)
    if item.attribute != Attribute.PROACTIVE:
        services.item_approve(item=item, actor=team.office, now=now)
    return services.item_approve(item=item, actor=team.secrecy, now=now)


def publish(team, item=None, *, now=NOW, **overrides):
    """Publish ``item`` (or a new draft made of ``overrides``), reviewing it first if needed."""
    item = item or draft(team, now=now, **overrides)
    if item.status == Status.DRAFT:
        item = approve(team, item, now=now)
    return services.item_publish(item=item, actor=team.office, now=now)


def interpret(
    team,
    *policies,
    now=NOW,
    title="《办法》政策解读",
    body="<p>一、出台背景</p>",
    form=Form.QA,
    **extra,
):
    """An approved interpretation of ``policies``; it goes public with the last of them."""
    interpretation = interpretation_services.interpretation_create(
        organization=team.org,
        actor=team.drafter,
        now=now,
        policies=policies,
        title=title,
        body=body,
        form=form,
        **extra,
    )
    interpretation_services.interpretation_submit(
        interpretation=interpretation, actor=team.drafter, now=now
    )
    return interpretation_services.interpretation_review(
        interpretation=interpretation, actor=team.reviewer, now=now, approve=True
    )
