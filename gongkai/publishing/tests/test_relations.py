"""Links between items: 修改 / 废止 / 转载."""

from datetime import date

import pytest

from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.core.testing import Team, aware, item_fields, published_item, staff
from gongkai.orgs.models import Role
from gongkai.portal.cache import public_version
from gongkai.publishing import services
from gongkai.publishing.choices import Action, InfoType, RelationKind, Validity
from gongkai.publishing.models import ItemRelation, ReleaseRecord

pytestmark = pytest.mark.django_db
NOW = aware(2025, 3, 10, 9, 30)
POLICY = InfoType.NORMATIVE


def policy(team, title, **overrides):
    return published_item(team, now=NOW, title=title, info_type=POLICY, **overrides)


@pytest.fixture
def old_policy(team):
    return policy(team, "临江市停车管理办法", document_number="临政发〔2020〕3号")


def draft(team, **overrides):
    return services.item_create(
        organization=team.org, actor=team.drafter, now=NOW, **item_fields(**overrides)
    )


def add(source, target, kind, actor):
    return services.item_relation_add(source=source, target=target, kind=kind, actor=actor, now=NOW)


# ---------------------------------------------------------------- adding


def test_drafter_links_a_draft_to_the_policy_it_amends(team, old_policy):
    new = draft(team, title="关于修改停车管理办法的决定", info_type=POLICY)
    version = public_version()

    relation = add(new, old_policy, RelationKind.AMENDS, team.drafter)

    assert (relation.source, relation.target, relation.kind) == (new, old_policy, "amends")
    entry = AuditEntry.objects.get(action="publishing.relation_add")
    assert entry.object_id == new.pk and entry.actor == team.drafter and entry.at == NOW
    assert "修改《临江市停车管理办法》" in entry.summary
    assert public_version() == version  # a draft's links show on no public page yet
    old_policy.refresh_from_db()
    assert old_policy.validity == Validity.CURRENT  # not until the draft is published


def test_link_from_a_public_item_purges_the_public_pages(team, old_policy):
    reprint = published_item(team, now=NOW, title="转载：停车管理办法")
    version = public_version()

    add(reprint, old_policy, RelationKind.REPRINTS, team.office)

    assert public_version() != version


def test_abolishing_link_abolishes_the_target(team, old_policy):
    new = policy(team, "临江市机动车停放服务管理办法", document_number="临政发〔2025〕1号")

    relation = add(new, old_policy, RelationKind.ABOLISHES, team.office)

    old = relation.target
    assert old.validity == Validity.ABOLISHED and old.abolished_on == NOW.date()
    assert old.expires_on is None
    event = old.events.get(action=Action.ABOLISH)
    assert event.reason == "已被《临江市机动车停放服务管理办法》（临政发〔2025〕1号）废止。"
    assert ReleaseRecord.objects.filter(subject_id=old.pk, action=Action.ABOLISH).exists()


def test_amending_link_from_a_public_item_marks_the_target_amended(team, old_policy):
    new = policy(team, "关于修改《临江市停车管理办法》的决定", document_number="临政发〔2025〕2号")
    version = public_version()

    add(new, old_policy, RelationKind.AMENDS, team.office)

    old_policy.refresh_from_db()
    assert old_policy.validity == Validity.AMENDED
    event = old_policy.events.get(action=Action.AMEND)
    assert event.reason == "已被《关于修改《临江市停车管理办法》的决定》（临政发〔2025〕2号）修改。"
    assert event.actor == team.office and event.is_public
    assert ReleaseRecord.objects.filter(subject_id=old_policy.pk, action=Action.AMEND).exists()
    assert public_version() != version


def test_drafts_amending_link_takes_effect_when_the_draft_is_published(team, old_policy):
    new = draft(team, title="关于修改停车管理办法的决定", info_type=POLICY)
    add(new, old_policy, RelationKind.AMENDS, team.drafter)
    services.item_submit(item=new, actor=team.drafter, now=NOW)
    services.item_approve(item=new, actor=team.reviewer, now=NOW)
    services.item_approve(item=new, actor=team.secrecy, now=NOW)
    later = aware(2025, 3, 12, 10, 0)

    services.item_publish(item=new, actor=team.office, now=later)

    old_policy.refresh_from_db()
    assert old_policy.validity == Validity.AMENDED
    event = old_policy.events.get(action=Action.AMEND)
    assert event.at == later and event.reason == "已被《关于修改停车管理办法的决定》修改。"


@pytest.mark.parametrize("state", ["abolished", "expired"])
def test_amending_link_leaves_a_policy_out_of_force_as_it_is(team, old_policy, state):
    if state == "abolished":
        services.item_abolish(item=old_policy, actor=team.office, now=NOW, reason="已被取代")
    else:
        services.item_correct(
            item=old_policy, actor=team.office, now=NOW, reason="补录", expires_on=date(2025, 1, 1)
        )
    new = policy(team, "新办法")

    add(new, old_policy, RelationKind.AMENDS, team.office)

    old_policy.refresh_from_db()
    assert old_policy.validity == state
    assert not old_policy.events.filter(action=Action.AMEND).exists()


def test_amending_link_to_a_non_policy_changes_no_validity(team):
    notice = published_item(team, now=NOW, title="停车场开放公告")
    new = published_item(team, now=NOW, title="关于调整停车场开放时间的公告")

    add(new, notice, RelationKind.AMENDS, team.office)

    notice.refresh_from_db()
    assert notice.validity == "" and not notice.events.filter(action=Action.AMEND).exists()


def test_abolishing_link_to_an_abolished_policy_only_links(team, old_policy):
    services.item_abolish(item=old_policy, actor=team.office, now=NOW, reason="规定已过时")
    new = policy(team, "新办法")

    add(new, old_policy, RelationKind.ABOLISHES, team.office)

    assert old_policy.events.filter(action=Action.ABOLISH).count() == 1


def test_abolishing_link_to_a_policy_to_be_abolished_only_links(team, old_policy):
    later = date(2025, 4, 1)
    services.item_abolish(
        item=old_policy, actor=team.office, now=NOW, reason="已被取代", effective_on=later
    )
    new = policy(team, "新办法")

    add(new, old_policy, RelationKind.ABOLISHES, team.office)

    old_policy.refresh_from_db()
    assert ItemRelation.objects.filter(target=old_policy, kind=RelationKind.ABOLISHES).exists()
    assert old_policy.validity == Validity.CURRENT and old_policy.abolished_on == later
    assert not old_policy.events.filter(action=Action.ABOLISH).exists()


def test_a_draft_cannot_abolish_yet(team, old_policy):
    new = draft(team, title="新办法", info_type=POLICY)
    with pytest.raises(InvalidTransition, match="须在本文件发布后"):
        add(new, old_policy, RelationKind.ABOLISHES, team.drafter)
    assert not ItemRelation.objects.exists()


def test_only_policies_are_abolished_by_a_link(team):
    notice = published_item(team, now=NOW, title="停车场开放公告")
    new = policy(team, "新办法")
    with pytest.raises(DomainError, match="只有政策文件可以废止"):
        add(new, notice, RelationKind.ABOLISHES, team.office)
    assert not ItemRelation.objects.exists()


def test_abolishing_another_organizations_policy_needs_its_openness_office(team, old_policy):
    other = Team()
    new = policy(other, "新办法")
    with pytest.raises(NotAllowed):
        add(new, old_policy, RelationKind.ABOLISHES, other.office)
    old_policy.refresh_from_db()
    assert old_policy.validity == Validity.CURRENT and not ItemRelation.objects.exists()


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (lambda team, source: source, "不能关联其本身"),
        (lambda team, source: draft(team, title="未发布的办法"), "不是已发布的信息"),
    ],
)
def test_bad_targets_are_refused(team, make_target, message):
    source = draft(team, title="新办法", info_type=POLICY)
    with pytest.raises(DomainError, match=message):
        add(source, make_target(team, source), RelationKind.AMENDS, team.drafter)
    assert not AuditEntry.objects.filter(action="publishing.relation_add").exists()


def test_duplicate_link_is_refused(team, old_policy):
    new = draft(team, title="新办法", info_type=POLICY)
    add(new, old_policy, RelationKind.AMENDS, team.drafter)
    with pytest.raises(DomainError, match="已经登记过此关联：修改《临江市停车管理办法》"):
        add(new, old_policy, RelationKind.AMENDS, team.drafter)


def test_who_may_link(team, old_policy):
    new = draft(team, title="新办法", info_type=POLICY)
    with pytest.raises(NotAllowed):
        add(new, old_policy, RelationKind.AMENDS, team.office)  # drafts are the drafter's
    with pytest.raises(NotAllowed):
        add(new, old_policy, RelationKind.AMENDS, staff(Team().org, Role.DRAFTER))
    new = services.item_submit(item=new, actor=team.drafter, now=NOW)
    with pytest.raises(NotAllowed):
        add(new, old_policy, RelationKind.AMENDS, team.drafter)  # now the reviewer's
    add(new, old_policy, RelationKind.AMENDS, team.reviewer)
    assert "relate" in services.actions_for(team.reviewer, new)
    assert "relate" not in services.actions_for(team.drafter, new)


def test_published_item_is_linked_by_the_openness_office_only(team, old_policy):
    new = policy(team, "新办法")
    with pytest.raises(NotAllowed):
        add(new, old_policy, RelationKind.AMENDS, team.drafter)
    services.item_withdraw(item=new, actor=team.office, now=NOW, reason="发布有误")
    with pytest.raises(InvalidTransition, match="不能修改关联信息"):
        add(new, old_policy, RelationKind.AMENDS, team.office)


# ---------------------------------------------------------------- removing


def test_removing_a_link_is_audited_and_keeps_the_abolition(team, old_policy):
    new = policy(team, "新办法")
    relation = add(new, old_policy, RelationKind.ABOLISHES, team.office)
    version = public_version()

    with pytest.raises(NotAllowed):
        services.item_relation_remove(relation=relation, actor=team.drafter, now=NOW)
    services.item_relation_remove(relation=relation, actor=team.office, now=NOW)

    assert not ItemRelation.objects.exists()
    entry = AuditEntry.objects.get(action="publishing.relation_remove")
    assert entry.object_id == new.pk and "废止《临江市停车管理办法》" in entry.summary
    assert public_version() != version
    old_policy.refresh_from_db()
    assert old_policy.validity == Validity.ABOLISHED


def test_removing_the_last_amending_link_restores_the_policy(team, old_policy):
    first = policy(team, "第一次修改决定")
    second = policy(team, "第二次修改决定", document_number="临政发〔2025〕5号")
    kept = add(first, old_policy, RelationKind.AMENDS, team.office)
    removed = add(second, old_policy, RelationKind.AMENDS, team.office)
    later = aware(2025, 3, 11, 9, 0)

    services.item_relation_remove(relation=removed, actor=team.office, now=later)
    old_policy.refresh_from_db()
    assert old_policy.validity == Validity.AMENDED  # the first decision still amends it

    services.item_relation_remove(relation=kept, actor=team.office, now=later)
    old_policy.refresh_from_db()
    assert old_policy.validity == Validity.CURRENT
    event = old_policy.events.get(action=Action.RESTORE)
    assert event.reason == "与《第一次修改决定》的修改关联已取消，本文件恢复为现行有效。"
    assert event.at == later and event.is_public
    assert list(
        ReleaseRecord.objects.filter(subject_id=old_policy.pk).values_list("action", flat=True)
    ) == [Action.PUBLISH, Action.AMEND, Action.RESTORE]


def test_withdrawing_the_amending_document_restores_the_policy(team, old_policy):
    decision = policy(team, "关于修改停车管理办法的决定", document_number="临政发〔2025〕7号")
    add(decision, old_policy, RelationKind.AMENDS, team.office)
    later = aware(2025, 3, 12, 9, 0)

    services.item_withdraw(item=decision, actor=team.office, now=later, reason="发文有误")

    old_policy.refresh_from_db()
    assert old_policy.validity == Validity.CURRENT
    event = old_policy.events.get(action=Action.RESTORE)
    assert event.reason == (
        "修改文件《关于修改停车管理办法的决定》（临政发〔2025〕7号）已撤回，本文件恢复为现行有效。"
    )
    assert event.at == later and event.is_public


def test_restored_policy_past_its_expiry_reads_expired(team):
    old = policy(team, "临江市停车管理办法", expires_on=date(2025, 6, 30))
    new = policy(team, "修改决定")
    relation = add(new, old, RelationKind.AMENDS, team.office)

    services.item_relation_remove(relation=relation, actor=team.office, now=aware(2025, 7, 1, 9))

    old.refresh_from_db()
    assert old.validity == Validity.EXPIRED
    public = [event.action for event in old.events.all() if event.is_public]
    assert public == [Action.PUBLISH, Action.AMEND, Action.RESTORE, Action.EXPIRE]


def test_removing_an_amending_link_leaves_an_expired_policy_expired(team):
    old = policy(team, "临江市停车管理办法", expires_on=date(2025, 6, 30))
    new = policy(team, "修改决定")
    relation = add(new, old, RelationKind.AMENDS, team.office)
    services.items_expire_due(now=aware(2025, 7, 1, 0, 5))

    services.item_relation_remove(relation=relation, actor=team.office, now=aware(2025, 7, 2, 9))

    old.refresh_from_db()
    assert old.validity == Validity.EXPIRED
    assert not old.events.filter(action=Action.RESTORE).exists()


# ---------------------------------------------------------------- finding the target


def test_target_is_found_by_index_number_or_document_number(team, old_policy):
    full_width_index = old_policy.index_number.replace("/", "／").replace("2025", "２０２５")
    assert services.item_for_reference(f" {full_width_index} ") == old_policy
    assert services.item_for_reference("临政发[2020]３号") == old_policy


def test_unknown_or_unpublished_reference_is_refused(team):
    unpublished = draft(team, document_number="临政发〔2025〕9号")
    for reference in ("临政发〔2025〕9号", unpublished.index_number, "不存在"):
        with pytest.raises(DomainError, match="只能关联已发布的信息"):
            services.item_for_reference(reference)
    with pytest.raises(DomainError, match="请填写"):
        services.item_for_reference("  ")


def test_document_number_shared_by_two_organizations_asks_for_the_index_number(team):
    published_item(team, now=NOW, document_number="政发〔2025〕1号")
    published_item(Team(), now=NOW, document_number="政发〔2025〕1号")
    with pytest.raises(DomainError, match="请改用索引号"):
        services.item_for_reference("政发〔2025〕1号")
