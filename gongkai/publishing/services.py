"""Every change to government information goes through these functions.

The workflow: 起草 → 审核 → 公开属性审查 (when not 主动公开) → 保密审查 → 发布 (now or scheduled)
→ 更正 / 撤回 / 废止. Each function checks permissions and state first, then changes the item,
its history and — for public steps — the release register in one transaction. Indexing and
cache purges happen after commit through the job mechanism.

A published policy's validity (有效性) also changes without a clerk deciding it that day: it
reads 失效 once its 失效日期 has passed, 废止 on the 废止日期 of an abolition decided earlier
(both by ``items_expire_due``, daily from cron), and 已修改 while a public document amends it
(修改 links). Each such change is public like an abolition: history event with the reason,
register row, cache purge and re-index.
"""

import unicodedata
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import dateformat
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, InvalidTransition, NotAllowed, full_clean_or_raise
from gongkai.core.jobs import enqueue_on_commit
from gongkai.core.sanitize import clean_html, html_to_text
from gongkai.core.timeutil import day_start, local_date
from gongkai.orgs.models import Organization, PlatformSettings, Role
from gongkai.orgs.permissions import has_role, require_role
from gongkai.workdays import add_working_days

from . import prechecks
from .choices import (
    IN_FORCE,
    POLICY_TYPES,
    PUBLISHABLE_ATTRIBUTES,
    Action,
    Attribute,
    RelationKind,
    Status,
    Validity,
)
from .models import (
    Attachment,
    IndexSerial,
    Item,
    ItemEvent,
    ItemRelation,
    ItemVersion,
    PublicationTimeLimit,
    SensitiveWord,
    normalize_document_number,
)
from .register import register_append, sha256_json

EDITABLE_FIELDS = (
    "title",
    "document_number",
    "written_on",
    "topic",
    "info_type",
    "five_public",
    "keywords",
    "summary",
    "body",
    "validity",
    "effective_on",
    "expires_on",
    "attribute",
    "ground",
    "attribute_explanation",
    "needs_interpretation",
)
# Who reviews at each stage, and where an approval sends the item next.
STAGE_ROLE = {
    Status.UNIT_REVIEW: Role.UNIT_REVIEWER,
    Status.ATTRIBUTE_REVIEW: Role.OPENNESS_OFFICE,
    Status.CONFIDENTIALITY_REVIEW: Role.CONFIDENTIALITY_REVIEWER,
}
# Who may edit the content at each stage: the drafter, or the reviewer who fixes it.
EDIT_ROLE = {Status.DRAFT: Role.DRAFTER, **STAGE_ROLE}
# Who may link the item to others: whoever may edit it now; once it is public, the openness
# office, since a link shows on the public pages of both items.
RELATION_ROLE = {**EDIT_ROLE, Status.PUBLISHED: Role.OPENNESS_OFFICE}
CHANNEL = "政府信息公开平台"


# ---------------------------------------------------------------- helpers


def _event(item, action, actor, now, *, from_status="", reason="", data=None) -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        action=action,
        actor=actor if actor and actor.is_authenticated else None,
        at=now,
        from_status=from_status,
        to_status=item.status,
        reason=reason,
        data=data or {},
    )


def _labels(field_names) -> list[str]:
    return [str(Item._meta.get_field(name).verbose_name) for name in field_names]


def _require_status(item: Item, *statuses: str) -> None:
    if item.status not in statuses:
        raise InvalidTransition(
            _("《%(title)s》当前状态为“%(status)s”，不能办理此操作。")
            % {"title": item.title, "status": item.get_status_display()}
        )


def _set_status(item: Item, status: str, now: datetime, *extra_fields: str) -> str:
    old = item.status
    item.status = status
    item.updated_at = now
    item.save(update_fields=["status", "updated_at", *extra_fields])
    return old


def _validate(item: Item, *, today: date) -> None:
    """Field rules a clerk can fix, each with a message naming the field."""
    if not item.title.strip():
        raise DomainError(_("请填写标题。"), field="title")
    if item.written_on and item.written_on > today:
        raise DomainError(
            _("成文日期不能晚于今天（%(today)s）。") % {"today": today}, field="written_on"
        )
    if item.attribute != Attribute.PROACTIVE:
        if not item.ground:
            raise DomainError(
                _("公开属性为“%(attr)s”时，必须选择法定依据。")
                % {"attr": item.get_attribute_display()},
                field="ground",
            )
        if not item.attribute_explanation.strip():
            raise DomainError(_("请说明不主动公开的具体理由。"), field="attribute_explanation")
    else:
        item.ground = ""
    if item.effective_on and item.expires_on and item.expires_on < item.effective_on:
        raise DomainError(_("失效日期不能早于施行日期。"), field="expires_on")
    item.document_number = item.document_number.strip()
    item.document_number_key = normalize_document_number(item.document_number)
    if item.document_number_key:
        clash = (
            Item.objects.filter(
                organization=item.organization, document_number_key=item.document_number_key
            )
            .exclude(pk=item.pk)
            .first()
        )
        if clash:
            raise DomainError(
                _("本机构已有文号为“%(number)s”的信息：《%(title)s》（索引号 %(index)s）。")
                % {
                    "number": item.document_number,
                    "title": clash.title,
                    "index": clash.index_number,
                },
                field="document_number",
            )
    item.body = clean_html(item.body)
    full_clean_or_raise(item, exclude=["index_number", "created_by", "catalog_nodes", "co_issuers"])


def index_number_next(*, organization: Organization, year: int) -> str:
    """The next 索引号 for the organization in ``year``, in the configured format."""
    serial, _created = IndexSerial.objects.get_or_create(organization=organization, year=year)
    serial = IndexSerial.objects.select_for_update().get(pk=serial.pk)
    serial.last += 1
    serial.save(update_fields=["last"])
    fmt = PlatformSettings.load().index_number_format
    return fmt.format(org_code=organization.code, year=year, serial=serial.last)


def content_hash(item: Item) -> str:
    """What the register attests: the public content of the item and its attachments."""
    return sha256_json(
        {
            "index_number": item.index_number,
            "title": item.title,
            "document_number": item.document_number,
            "body": item.body,
            "attachments": [[a.title, a.file.name, a.size] for a in item.attachments.all()],
        }
    )


def register_mismatches() -> list[Item]:
    """Public items whose content no longer matches their latest register row: changed in the
    database outside the workflow."""
    from .models import ReleaseRecord

    latest = {}
    for subject_id, digest in (
        ReleaseRecord.objects.filter(subject_kind="item")
        .order_by("seq")
        .values_list("subject_id", "content_hash")
    ):
        latest[subject_id] = digest
    items = Item.objects.filter(status=Status.PUBLISHED).prefetch_related("attachments")
    return [item for item in items if latest.get(item.pk) != content_hash(item)]


def time_limit_rules() -> dict[tuple[int | None, str], int]:
    """All configured publication time limits, keyed by (organization id, info type)."""
    rules = {(r.organization_id, r.info_type): r.days for r in PublicationTimeLimit.objects.all()}
    rules.setdefault((None, ""), PlatformSettings.load().publication_limit_days)
    return rules


def publication_limit_days(item: Item, rules: dict | None = None) -> int:
    """Working days allowed from 成文日期 to publication; the most specific rule wins:
    organization and type, organization, type, then the platform default."""
    rules = time_limit_rules() if rules is None else rules
    for key in (
        (item.organization_id, item.info_type),
        (item.organization_id, ""),
        (None, item.info_type),
    ):
        if key in rules:
            return rules[key]
    return rules[(None, "")]


def publication_due_on(item: Item, rules: dict | None = None) -> date:
    """The last day the item may go public (a WorkDate, marked provisional when the calendar
    for a year it crosses is missing)."""
    return add_working_days(item.written_on, publication_limit_days(item, rules))


def findings_for(item: Item) -> list[prechecks.Finding]:
    """Pre-check findings over everything of the item that will go public."""
    words = list(SensitiveWord.objects.filter(is_active=True).values_list("word", flat=True))
    found = prechecks.scan_text(item.title, field=_("标题"), words=words)
    found += prechecks.scan_text(item.summary, field=_("内容概述"), words=words)
    found += prechecks.scan_text(html_to_text(item.body), field=_("正文"), words=words)
    for attachment in item.attachments.all():
        found += prechecks.scan_text(attachment.title, field=_("附件名称"), words=words)
    for interpretation in item.interpretations.all():
        found += prechecks.scan_text(
            html_to_text(interpretation.body),
            field=_("解读：%s") % interpretation.title,
            words=words,
        )
    return found


def actions_for(user, item: Item) -> set[str]:
    """The workflow steps ``user`` may take on ``item`` now (the services check again)."""

    def holds(role):
        return has_role(user, item.organization, role)

    actions = set()
    edit_role = EDIT_ROLE.get(item.status)
    if (
        edit_role
        and holds(edit_role)
        and (item.status == Status.DRAFT or item.created_by_id != user.pk)
    ):
        actions.add("edit")
    if item.status == Status.DRAFT and holds(Role.DRAFTER):
        actions.add("submit")
    stage_role = STAGE_ROLE.get(item.status)
    if stage_role and holds(stage_role) and item.created_by_id != user.pk:
        actions |= {"approve", "return"}
        if item.status == Status.ATTRIBUTE_REVIEW:
            actions.add("attribute")
        if item.status == Status.CONFIDENTIALITY_REVIEW:
            actions.add("deidentify")
    if item.status == Status.APPROVED and holds(Role.OPENNESS_OFFICE):
        actions.add("publish")
    if item.status == Status.PUBLISHED and holds(Role.OPENNESS_OFFICE):
        actions |= {"correct", "withdraw"}
        if item.is_policy and not item.abolition_decided:
            actions.add("abolish")
    relation_role = RELATION_ROLE.get(item.status)
    if relation_role and holds(relation_role):
        actions.add("relate")
    return actions


# ---------------------------------------------------------------- drafting


@transaction.atomic
def item_create(
    *,
    organization: Organization,
    actor,
    now: datetime,
    catalog_nodes=(),
    co_issuers=(),
    role: str = Role.DRAFTER,
    **fields,
) -> Item:
    """A drafter starts a new item in their organization. ``role``: the role the actor needs;
    the openness office drafts the items of Art. 44 conversions (gongkai.foi.conversion)."""
    require_role(actor, organization, role)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown item fields: {sorted(unknown)}")
    item = Item(
        organization=organization,
        created_by=actor,
        created_at=now,
        updated_at=now,
        status=Status.DRAFT,
        **fields,
    )
    _validate(item, today=local_date(now))
    item.index_number = index_number_next(organization=organization, year=local_date(now).year)
    item.save()
    _set_relations(item, catalog_nodes, co_issuers)
    _event(item, Action.CREATE, actor, now)
    return item


def _set_relations(item, catalog_nodes, co_issuers) -> None:
    foreign = [n for n in catalog_nodes if n.organization_id != item.organization_id]
    if foreign:
        raise DomainError(_("只能选择本机构的目录栏目。"), field="catalog_nodes")
    item.catalog_nodes.set(catalog_nodes)
    item.co_issuers.set([o for o in co_issuers if o.pk != item.organization_id])


@transaction.atomic
def item_update(
    *, item: Item, actor, now: datetime, catalog_nodes=None, co_issuers=None, **fields
) -> Item:
    """Edit an item that has not gone public: the drafter in 起草, or the reviewer of the
    current stage (a reviewer may fix what they find, and the change is recorded)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    role = EDIT_ROLE.get(item.status)
    if role is None:
        raise InvalidTransition(_("已发布或已登记的信息不能直接修改，请使用“更正”。"))
    require_role(actor, item.organization, role)
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise TypeError(f"not an editable field: {name}")
        setattr(item, name, value)
    item.updated_at = now
    _validate(item, today=local_date(now))
    item.save()
    if catalog_nodes is not None or co_issuers is not None:
        _set_relations(
            item,
            item.catalog_nodes.all() if catalog_nodes is None else catalog_nodes,
            item.co_issuers.all() if co_issuers is None else co_issuers,
        )
    if changed:
        _event(
            item,
            Action.EDIT,
            actor,
            now,
            from_status=item.status,
            data={"fields": _labels(changed)},
        )
    return item


@transaction.atomic
def item_deidentify(*, item: Item, actor, now: datetime) -> Item:
    """Mask ID, mobile and bank-card numbers in the title, summary and body (去标识化)."""
    return item_update(
        item=item,
        actor=actor,
        now=now,
        title=prechecks.mask_personal(item.title),
        summary=prechecks.mask_personal(item.summary),
        body=prechecks.mask_personal(item.body),
    )


def attachment_add(
    *, item: Item, actor, now: datetime, file, title: str = "", alt_text: str = ""
) -> Attachment:
    ext = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    if ext not in Attachment.ALLOWED_EXTENSIONS:
        raise DomainError(
            _("不支持的附件格式“%(ext)s”，可上传：%(allowed)s。")
            % {"ext": ext or "?", "allowed": "、".join(Attachment.ALLOWED_EXTENSIONS)},
            field="file",
        )
    if ext in Attachment.IMAGE_EXTENSIONS and not alt_text.strip():
        raise DomainError(_("图片附件必须填写替代文字，供视障用户使用。"), field="alt_text")
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        role = EDIT_ROLE.get(locked.status)
        if role is None:
            raise InvalidTransition(_("已发布的信息不能直接增加附件，请使用“更正”。"))
        require_role(actor, item.organization, role)
        attachment = Attachment.objects.create(
            item=item,
            file=file,
            title=title.strip() or file.name,
            alt_text=alt_text.strip(),
            size=file.size or 0,
            sort_order=item.attachments.count(),
        )
        _event(
            item,
            Action.EDIT,
            actor,
            now,
            from_status=locked.status,
            data={"attachment": attachment.title},
        )
    return attachment


# ---------------------------------------------------------------- review


@transaction.atomic
def item_submit(*, item: Item, actor, now: datetime) -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require_status(item, Status.DRAFT)
    require_role(actor, item.organization, Role.DRAFTER)
    old = _set_status(item, Status.UNIT_REVIEW, now)
    _event(item, Action.SUBMIT, actor, now, from_status=old)
    return item


def _require_role_for_status(item: Item, actor, roles: dict, refusal: str) -> None:
    """Require the role that ``roles`` names for the item's status; when it names none, refuse
    with ``refusal`` (which may use %(title)s and %(status)s)."""
    role = roles.get(item.status)
    if role is None:
        raise InvalidTransition(
            refusal % {"title": item.title, "status": item.get_status_display()}
        )
    require_role(actor, item.organization, role)


def _check_reviewer(item: Item, actor) -> None:
    _require_role_for_status(
        item, actor, STAGE_ROLE, _("《%(title)s》当前状态为“%(status)s”，不在审查环节。")
    )
    if item.created_by_id == actor.pk:
        raise NotAllowed(_("起草人不能审核自己起草的信息，请由其他审核人员办理。"))


@transaction.atomic
def item_approve(*, item: Item, actor, now: datetime, comment: str = "") -> Item:
    """Pass the current review stage. Unit review leads to the attribute review when the item
    is not 主动公开; a publishable item then goes to 保密审查, which makes it ready to publish."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _check_reviewer(item, actor)
    data = {}
    if item.status == Status.UNIT_REVIEW:
        nxt = (
            Status.CONFIDENTIALITY_REVIEW
            if item.attribute == Attribute.PROACTIVE
            else Status.ATTRIBUTE_REVIEW
        )
        action = Action.APPROVE
    elif item.status == Status.ATTRIBUTE_REVIEW:
        return _attribute_conclude(item, actor, now, comment=comment, changed=False)
    else:
        nxt, action = Status.APPROVED, Action.CONFIDENTIALITY_PASS
        data["findings"] = [
            {"kind": f.kind, "label": f.label, "field": str(f.field), "text": f.text}
            for f in findings_for(item)
        ]
    old = _set_status(item, nxt, now)
    _event(item, action, actor, now, from_status=old, reason=comment, data=data)
    return item


@transaction.atomic
def item_attribute_decide(
    *,
    item: Item,
    actor,
    now: datetime,
    attribute: str,
    ground: str = "",
    explanation: str = "",
    comment: str = "",
) -> Item:
    """The openness office confirms or changes the disclosure attribute (公开属性审查)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _require_status(item, Status.ATTRIBUTE_REVIEW)
    _check_reviewer(item, actor)
    changed = (attribute, ground) != (item.attribute, item.ground)
    item.attribute, item.ground, item.attribute_explanation = attribute, ground, explanation
    _validate(item, today=local_date(now))
    item.save(update_fields=["attribute", "ground", "attribute_explanation"])
    return _attribute_conclude(item, actor, now, comment=comment, changed=changed)


def _attribute_conclude(item, actor, now, *, comment, changed) -> Item:
    nxt = (
        Status.CONFIDENTIALITY_REVIEW if item.attribute in PUBLISHABLE_ATTRIBUTES else Status.FILED
    )
    old = _set_status(item, nxt, now)
    _event(
        item,
        Action.ATTRIBUTE_CHANGE if changed else Action.ATTRIBUTE_CONFIRM,
        actor,
        now,
        from_status=old,
        reason=comment,
        data={"attribute": item.attribute, "ground": item.ground},
    )
    if nxt == Status.FILED:
        _event(item, Action.FILE, actor, now, from_status=nxt)
    return item


@transaction.atomic
def item_return(*, item: Item, actor, now: datetime, reason: str) -> Item:
    """Send the item back to the drafter with the reviewer's reasons."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _check_reviewer(item, actor)
    if not reason.strip():
        raise DomainError(_("退回修改时请写明意见。"), field="reason")
    old = _set_status(item, Status.DRAFT, now)
    _event(item, Action.RETURN, actor, now, from_status=old, reason=reason.strip())
    return item


# ---------------------------------------------------------------- publication


def _reviewers_text(item: Item) -> str:
    names = {}
    for event in item.events.select_related("actor").filter(
        action__in=[
            Action.APPROVE,
            Action.ATTRIBUTE_CONFIRM,
            Action.ATTRIBUTE_CHANGE,
            Action.CONFIDENTIALITY_PASS,
        ]
    ):
        label = {Action.APPROVE: _("审核"), Action.CONFIDENTIALITY_PASS: _("保密审查")}.get(
            event.action, _("公开属性审查")
        )
        names[label] = _display_name(event.actor)
    return "；".join(f"{k}：{v}" for k, v in names.items())


def _display_name(user) -> str:
    if user is None:
        return _("系统")
    return user.get_full_name() or user.get_username()


def _register(item: Item, action: str, actor, now: datetime) -> None:
    register_append(
        subject_kind="item",
        subject_id=item.pk,
        index_number=item.index_number,
        title=item.title,
        action=action,
        content_hash=content_hash(item),
        organization_code=item.organization.code,
        organization_name=item.organization.name,
        reviewers=_reviewers_text(item),
        publisher=_display_name(actor),
        channel=CHANNEL,
        at=now,
    )


def _snapshot(item: Item, now: datetime) -> None:
    ItemVersion.objects.create(
        item=item,
        number=item.versions.count() + 1,
        title=item.title,
        document_number=item.document_number,
        body=item.body,
        content_hash=content_hash(item),
        saved_at=now,
    )


def _require_publisher(item: Item, actor) -> None:
    if actor is not None:
        require_role(actor, item.organization, Role.OPENNESS_OFFICE)


def _after_public_change(item: Item) -> None:
    """Make the change visible everywhere: cached pages at once, the search index after commit;
    a public policy in force gets the sweep job for the day its validity changes."""
    from gongkai.portal.cache import purge_public_pages
    from gongkai.search.tasks import index_item

    purge_public_pages()
    enqueue_on_commit(index_item, item.pk)
    if item.is_public and item.is_policy and item.validity in IN_FORCE:
        expiry = item.expires_on and item.expires_on + timedelta(days=1)
        _validity_jobs_enqueue([expiry, item.abolished_on])


def _validity_jobs_enqueue(days) -> None:
    """The sweep job (``expire_due_items``) at 00:00 of each of ``days`` (None skipped);
    ``manage.py expire_policies`` is the same sweep for backends that cannot defer."""
    from .tasks import expire_due_items

    for day in filter(None, days):
        enqueue_on_commit(expire_due_items, run_after=day_start(day))


def validity_jobs_schedule(*, today: date) -> None:
    """Enqueue the sweep for every day from ``today`` on when a public policy's validity
    changes (after a bulk load that ran without the job queue, as ``demo_load`` does)."""
    in_force = Item.objects.filter(
        status=Status.PUBLISHED, info_type__in=POLICY_TYPES, validity__in=IN_FORCE
    )
    expiring = in_force.filter(expires_on__gte=today).values_list("expires_on", flat=True)
    abolishing = in_force.filter(abolished_on__gt=today).values_list("abolished_on", flat=True)
    days = {day + timedelta(days=1) for day in expiring} | set(abolishing)
    _validity_jobs_enqueue(sorted(days))


@transaction.atomic
def item_publish(*, item: Item, actor, now: datetime, at: datetime | None = None) -> Item:
    """Publish now, or schedule for ``at``. A policy that needs an interpretation goes public
    only together with its approved interpretation (同步发布).

    A policy whose 失效日期 has already passed is published all the same — an expired policy
    is still government information the public may read — and marked 失效 at once, with its
    reason, as the daily sweep would. The 修改 links the item got as a draft take effect now:
    the policies it amends read 已修改."""
    from gongkai.interpretation.services import interpretations_publish_with, ready_for

    item = Item.objects.select_for_update().select_related("organization").get(pk=item.pk)
    _require_status(item, Status.APPROVED, Status.SCHEDULED)
    _require_publisher(item, actor)
    if item.attribute not in PUBLISHABLE_ATTRIBUTES:
        raise InvalidTransition(_("公开属性为“%s”的信息不能发布。") % item.get_attribute_display())
    if item.needs_interpretation and not ready_for(item):
        raise DomainError(_("《%s》需要同步发布政策解读，请先完成解读的起草和审核。") % item.title)
    if at is not None and at > now:
        item.scheduled_at = at
        old = _set_status(item, Status.SCHEDULED, now, "scheduled_at")
        _event(item, Action.SCHEDULE, actor, now, from_status=old, data={"at": at.isoformat()})
        from .tasks import publish_due_items

        enqueue_on_commit(publish_due_items, run_after=at)
        return item
    item.published_at = now
    item.scheduled_at = None
    item.due_on = publication_due_on(item)
    if item.is_policy and not item.validity:
        item.validity = Validity.CURRENT
    old = _set_status(
        item, Status.PUBLISHED, now, "published_at", "scheduled_at", "due_on", "validity"
    )
    _event(
        item,
        Action.PUBLISH,
        actor,
        now,
        from_status=old,
        data={"late": local_date(now) > item.due_on},
    )
    _snapshot(item, now)
    _register(item, Action.PUBLISH, actor, now)
    interpretations_publish_with(item=item, actor=actor, now=now)
    _after_public_change(item)
    _validity_change_if_due(item, actor, now)
    for relation in item.relations_out.filter(kind=RelationKind.AMENDS):
        _mark_amended(relation.target, item, actor, now)
    return item


def items_publish_due(*, now: datetime) -> list[Item]:
    """Publish every scheduled item whose time has come (run by the job and by cron)."""
    published = []
    for item in Item.objects.filter(status=Status.SCHEDULED, scheduled_at__lte=now):
        scheduler = item.events.filter(action=Action.SCHEDULE).order_by("-at").first()
        published.append(
            item_publish(item=item, actor=scheduler.actor if scheduler else None, now=now)
        )
    return published


def _check_public_change(item: Item, actor, reason: str) -> None:
    _require_status(item, Status.PUBLISHED)
    require_role(actor, item.organization, Role.OPENNESS_OFFICE)
    if not reason.strip():
        raise DomainError(_("请填写理由，理由将在信息页面公开。"), field="reason")


@transaction.atomic
def item_correct(*, item: Item, actor, now: datetime, reason: str, **fields) -> Item:
    """Correct a published item. The page says it was corrected, when and why; the earlier
    version is kept. The corrected text must pass the personal-data and classification checks.
    A policy whose corrected 失效日期 has passed is marked 失效 at once."""
    item = Item.objects.select_for_update().select_related("organization").get(pk=item.pk)
    _check_public_change(item, actor, reason)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise TypeError(f"not an editable field: {name}")
        setattr(item, name, value)
    _validate(item, today=local_date(now))
    blocking = [f for f in findings_for(item) if f.kind != "sensitive_word"]
    if blocking:
        raise DomainError(
            _("更正后的内容仍有需要保密审查的内容：%s。请先处理后再更正。")
            % "、".join(f"{f.label}“{f.text}”" for f in blocking[:5])
        )
    item.updated_at = now
    item.save()
    _event(
        item,
        Action.CORRECT,
        actor,
        now,
        from_status=item.status,
        reason=reason.strip(),
        data={"fields": _labels(fields)},
    )
    _snapshot(item, now)
    _register(item, Action.CORRECT, actor, now)
    _after_public_change(item)
    _validity_change_if_due(item, actor, now)
    return item


@transaction.atomic
def item_withdraw(*, item: Item, actor, now: datetime, reason: str) -> Item:
    """Take an item off the portal. Its page stays, saying when and why it was withdrawn. The
    policies it amended read 现行有效 again unless another public document amends them."""
    item = Item.objects.select_for_update().select_related("organization").get(pk=item.pk)
    _check_public_change(item, actor, reason)
    old = _set_status(item, Status.WITHDRAWN, now)
    _event(item, Action.WITHDRAW, actor, now, from_status=old, reason=reason.strip())
    _register(item, Action.WITHDRAW, actor, now)
    for relation in item.relations_out.filter(kind=RelationKind.AMENDS).select_related("target"):
        restored = _("修改文件%(source)s已撤回，本文件恢复为现行有效。") % {"source": _cited(item)}
        _unmark_amended(relation.target, actor, now, restored)
    _after_public_change(item)
    return item


@transaction.atomic
def item_abolish(
    *, item: Item, actor, now: datetime, reason: str, effective_on: date | None = None
) -> Item:
    """Abolish a published policy (废止) from ``effective_on``, its 废止日期 — the first day
    out of force — or from today. It stays public, marked as such.

    A later 废止日期 (a decision of 20 December repealing the policy 自2026年1月1日起)
    schedules the abolition: the policy stays in force until then and its page says from when
    and why it will be abolished (public event 决定废止, register row); on that day the daily
    sweep abolishes it with the same reason (``items_expire_due``). Only a policy in force can
    be abolished from a later day, and a policy is abolished once."""
    item = Item.objects.select_for_update().select_related("organization").get(pk=item.pk)
    _check_public_change(item, actor, reason)
    if not item.is_policy:
        raise DomainError(_("只有政策文件可以废止；其他信息请使用“撤回”。"))
    if item.abolition_decided:
        raise InvalidTransition(_("《%s》已经废止或已决定废止，不能重复废止。") % item.title)
    if effective_on and item.effective_on and effective_on < item.effective_on:
        raise DomainError(_("废止日期不能早于施行日期。"), field="effective_on")
    today = local_date(now)
    abolished_on = effective_on or today
    if abolished_on > today and item.validity not in IN_FORCE:
        raise DomainError(
            _("《%(title)s》当前为“%(validity)s”，不再有效，废止日期不能晚于今天。")
            % {"title": item.title, "validity": item.get_validity_display()},
            field="effective_on",
        )
    item.abolished_on = abolished_on
    reason = reason.strip()
    if abolished_on <= today:
        _validity_change(
            item, Validity.ABOLISHED, Action.ABOLISH, actor, now, reason, "abolished_on"
        )
    else:
        decision = _("自%(date)s起废止。%(reason)s") % {
            "date": dateformat.format(abolished_on, "Y年n月j日"),
            "reason": reason,
        }
        _public_change(
            item,
            Action.ABOLISH_SCHEDULED,
            actor,
            now,
            decision,
            "abolished_on",
            data={"reason": reason},
        )
    return item


def _validity_change(
    item: Item, validity: str, action: str, actor, now: datetime, reason: str, *extra_fields: str
) -> None:
    """Set a public policy's validity and make it public (the search filters and ranks by
    validity)."""
    item.validity = validity
    _public_change(item, action, actor, now, reason, "validity", *extra_fields)


def _public_change(
    item: Item, action: str, actor, now: datetime, reason: str, *fields: str, data=None
) -> None:
    """Save ``fields`` of a public item and make the change public: history event with the
    reason, register row, cache purge and re-index."""
    item.updated_at = now
    item.save(update_fields=[*fields, "updated_at"])
    _event(item, action, actor, now, from_status=item.status, reason=reason, data=data)
    _register(item, action, actor, now)
    _after_public_change(item)


# ---------------------------------------------------------------- validity over time


def _validity_due(today: date):
    """Published policies still in force whose 失效日期 is before ``today`` or whose 废止日期
    is ``today`` or earlier."""
    return Item.objects.filter(
        Q(expires_on__lt=today) | Q(abolished_on__lte=today),
        status=Status.PUBLISHED,
        info_type__in=POLICY_TYPES,
        validity__in=IN_FORCE,
    )


def _validity_change_if_due(item: Item, actor, now: datetime) -> bool:
    """Mark ``item`` 废止 or 失效 if it is a public policy in force whose 废止日期 has come or
    whose 失效日期 has passed; when both, whichever came first (a policy abolished on or
    before its last day in force was abolished).

    The 失效日期 is the last day the policy is in force — the “有效期至” date the document
    itself gives (有效期至2026年11月22日) — so the policy reads 失效 from the next day, Beijing
    time, and the reason says so. The 废止日期 is the first day out of force; the reason is the
    one given when the abolition was decided."""
    today = local_date(now)
    if not _validity_due(today).filter(pk=item.pk).exists():
        return False
    abolished_on, expires_on = item.abolished_on, item.expires_on
    if abolished_on and abolished_on <= today and not (expires_on and expires_on < abolished_on):
        decision = item.events.filter(action=Action.ABOLISH_SCHEDULED).latest("at", "id")
        _validity_change(
            item, Validity.ABOLISHED, Action.ABOLISH, actor, now, decision.data["reason"]
        )
    else:
        reason = _("有效期至%(date)s届满。") % {
            "date": dateformat.format(item.expires_on, "Y年n月j日")
        }
        _validity_change(item, Validity.EXPIRED, Action.EXPIRE, actor, now, reason)
    return True


def items_expire_due(*, now: datetime) -> list[Item]:
    """Mark 失效 every published policy in force whose 失效日期 has passed, and 废止 every one
    whose 废止日期 has come, each in its own transaction (run by the ``expire_due_items`` job
    on those days, and daily by ``manage.py expire_policies``). Running it again changes
    nothing."""
    changed = []
    for pk in _validity_due(local_date(now)).values_list("pk", flat=True):
        with transaction.atomic():
            item = Item.objects.select_for_update().select_related("organization").get(pk=pk)
            if _validity_change_if_due(item, None, now):
                changed.append(item)
    return changed


# ---------------------------------------------------------------- relations


def item_for_reference(reference: str) -> Item:
    """The published item whose 索引号 or 文号 is ``reference``: an exact match once both are
    normalised (NFKC, so full-width digits and brackets typed by a clerk match; 文号 brackets
    unified as in ``normalize_document_number``)."""
    index_number = "".join(unicodedata.normalize("NFKC", reference).split())
    if not index_number:
        raise DomainError(_("请填写要关联的信息的索引号或文号。"), field="reference")
    published = Item.objects.filter(status=Status.PUBLISHED)
    found = list(published.filter(index_number=index_number)[:1]) or list(
        published.filter(document_number_key=normalize_document_number(reference))[:2]
    )
    if not found:
        raise DomainError(
            _("没有索引号或文号为“%s”的已发布信息，只能关联已发布的信息。") % reference.strip(),
            field="reference",
        )
    if len(found) > 1:
        raise DomainError(
            _("文号为“%s”的已发布信息不止一条，请改用索引号。") % reference.strip(),
            field="reference",
        )
    return found[0]


def _require_relation_editor(item: Item, actor) -> None:
    _require_role_for_status(
        item, actor, RELATION_ROLE, _("《%(title)s》当前状态为“%(status)s”，不能修改关联信息。")
    )


def _relation_text(kind: str, target: Item) -> str:
    return _("%(kind)s《%(title)s》（索引号 %(index)s）") % {
        "kind": RelationKind(kind).label,
        "title": target.title,
        "index": target.index_number,
    }


def _cited(item: Item) -> str:
    """How a public reason names a document: 《title》（文号）."""
    number = f"（{item.document_number}）" if item.document_number else ""
    return f"《{item.title}》{number}"


def _mark_amended(target: Item, source: Item, actor, now: datetime) -> None:
    """A public policy in force (现行有效) that the public ``source`` amends reads 已修改,
    with a public event naming ``source``. Expired, abolished or already amended policies are
    left as they are; the link itself shows on both pages."""
    target = Item.objects.select_for_update().select_related("organization").get(pk=target.pk)
    if target.is_public and target.is_policy and target.validity == Validity.CURRENT:
        reason = _("已被%(source)s修改。") % {"source": _cited(source)}
        _validity_change(target, Validity.AMENDED, Action.AMEND, actor, now, reason)


def _unmark_amended(target: Item, actor, now: datetime, reason: str) -> None:
    """Undo ``_mark_amended`` once a 修改 link no longer counts (removed, or its source
    withdrawn), unless another public document still amends ``target``; ``reason`` says why
    on the target's public history."""
    target = Item.objects.select_for_update().select_related("organization").get(pk=target.pk)
    still_amended = target.relations_in.filter(
        kind=RelationKind.AMENDS, source__status=Status.PUBLISHED
    ).exists()
    if target.is_public and target.validity == Validity.AMENDED and not still_amended:
        _validity_change(target, Validity.CURRENT, Action.RESTORE, actor, now, reason)
        _validity_change_if_due(target, actor, now)


@transaction.atomic
def item_relation_add(
    *, source: Item, target: Item, kind: str, actor, now: datetime
) -> ItemRelation:
    """Record that ``source`` amends, abolishes or reprints ``target``, a published item. The
    public pages of both show the link once ``source`` is public.

    A 废止 link and the target's validity always agree: no public page may say a policy was
    repealed while the policy itself still reads 现行有效. So a 废止 link is added only once
    ``source`` is published, by its openness office, and it abolishes ``target`` in the same
    step through ``item_abolish`` (its checks apply: only a policy can be abolished, by the
    openness office of the target's organization; the reason names ``source`` and the register
    records it; the date is today, so to date the repeal otherwise, abolish the target first
    with its own form — from a later day if need be — and link it afterwards: a policy already
    abolished, or to be abolished from a later day, is only linked). A draft cannot take a
    policy out of force before it is published itself.

    A 修改 link from a public ``source`` to a policy in force (现行有效) makes it read 已修改 —
    still in force, as amended — with a public event naming ``source``; a draft's 修改 link
    does so when the draft is published (``item_publish``). Unlike abolition this needs no
    role in the target's organization: 已修改 takes nothing out of force, it only states what
    the published ``source`` itself says.
    """
    source = Item.objects.select_for_update().select_related("organization").get(pk=source.pk)
    _require_relation_editor(source, actor)
    if kind not in RelationKind.values:
        raise DomainError(_("请选择关联关系。"), field="kind")
    if target.pk == source.pk:
        raise DomainError(_("信息不能关联其本身。"), field="reference")
    target = Item.objects.select_related("organization").get(pk=target.pk)
    if target.status != Status.PUBLISHED:
        raise DomainError(
            _("《%s》不是已发布的信息，只能关联已发布的信息。") % target.title, field="reference"
        )
    if ItemRelation.objects.filter(source=source, target=target, kind=kind).exists():
        raise DomainError(
            _("已经登记过此关联：%s。") % _relation_text(kind, target), field="reference"
        )
    if kind == RelationKind.ABOLISHES:
        if not source.is_public:
            raise InvalidTransition(
                _(
                    "“废止”关联须在本文件发布后由政务公开工作机构添加，被废止的文件将同时标记为废止。"
                )
            )
        if not target.abolition_decided:
            target = item_abolish(
                item=target,
                actor=actor,
                now=now,
                reason=_("已被%(source)s废止。") % {"source": _cited(source)},
            )
    relation = ItemRelation.objects.create(source=source, target=target, kind=kind)
    if kind == RelationKind.AMENDS and source.is_public:
        _mark_amended(target, source, actor, now)
    audit(
        subject=source,
        action="publishing.relation_add",
        actor=actor,
        at=now,
        summary=_("添加关联信息：%s") % _relation_text(kind, target),
        data={"target": target.pk, "kind": kind},
    )
    if source.is_public:
        _after_public_change(source)
    return relation


@transaction.atomic
def item_relation_remove(*, relation: ItemRelation, actor, now: datetime) -> None:
    """Take back a link recorded by mistake; the audit trail keeps it. Removing a 废止 link
    does not bring the target back into force: its abolition was a public act of its own.
    Removing a public item's 修改 link does undo the 已修改 it caused: the target reads 现行有效
    again (public event, register row) unless it no longer reads 已修改 (expired or abolished
    since) or another public document still amends it — and 失效 right after, if its 失效日期
    has passed."""
    source = (
        Item.objects.select_for_update().select_related("organization").get(pk=relation.source_id)
    )
    _require_relation_editor(source, actor)
    relation = ItemRelation.objects.select_related("target").get(pk=relation.pk)
    relation.delete()
    if relation.kind == RelationKind.AMENDS and source.is_public:
        reason = _("与%(source)s的修改关联已取消，本文件恢复为现行有效。") % {
            "source": _cited(source)
        }
        _unmark_amended(relation.target, actor, now, reason)
    audit(
        subject=source,
        action="publishing.relation_remove",
        actor=actor,
        at=now,
        summary=_("取消关联信息：%s") % _relation_text(relation.kind, relation.target),
        data={"target": relation.target_id, "kind": relation.kind},
    )
    if source.is_public:
        _after_public_change(source)
