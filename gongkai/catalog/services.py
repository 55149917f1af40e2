"""Every change to a catalog, a 公开指南 / 公开制度 or a 负面清单 goes through here.

Only the organization's openness office (政务公开工作机构) or a platform administrator may
make these changes. Each service checks that first, validates, then writes the record and its
audit row in one transaction. Validation helpers are public so that the admin can show the same
messages on its forms before saving.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.sanitize import clean_html, html_to_text
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import (
    has_role,
    is_platform_admin,
    org_ids_with_role,
    require_role,
)
from gongkai.portal.cache import purge_public_pages

from .models import (
    CatalogNode,
    CatalogTemplate,
    CatalogTemplateNode,
    DocumentKind,
    NegativeListEntry,
    OpennessDocument,
)

# Fields of a catalog column that catalog_node_save accepts besides ``parent``.
NODE_FIELDS = (
    "name",
    "subject",
    "content",
    "time_limit",
    "method",
    "scope",
    "update_frequency",
    "sort_order",
    "is_active",
)
_COPIED_FIELDS = (
    "name",
    "subject",
    "content",
    "time_limit",
    "method",
    "scope",
    "update_frequency",
    "sort_order",
)


class _Keep:
    """Default of ``parent`` in catalog_node_save: keep the node where it is."""

    def __repr__(self):
        return "KEEP"


KEEP: Any = _Keep()


# Permissions ------------------------------------------------------------------------------


def can_manage(actor, organization: Organization) -> bool:
    """Whether ``actor`` keeps this organization's catalog, guide, rules and negative list."""
    return is_platform_admin(actor) or has_role(actor, organization, Role.OPENNESS_OFFICE)


def manageable_org_ids(actor) -> set[int] | None:
    """Organizations whose catalog ``actor`` may change; None means every organization."""
    if is_platform_admin(actor):
        return None
    return org_ids_with_role(actor, Role.OPENNESS_OFFICE)


def check_can_manage(*, actor, organization: Organization) -> None:
    """Raise NotAllowed unless ``actor`` keeps this organization's catalog, guide and lists."""
    if is_platform_admin(actor):
        return
    require_role(actor, organization, Role.OPENNESS_OFFICE)


def _check_owner(record, organization: Organization) -> None:
    if record.organization_id != organization.pk:
        raise NotAllowed(
            _("“%(record)s”不属于“%(org)s”，不能在这里修改。")
            % {"record": record, "org": organization.name}
        )


def _domain_error(error: ValidationError) -> DomainError:
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        return DomainError("；".join(m for e in errors for m in e.messages), field=field)
    return DomainError("；".join(error.messages))


# Catalog ----------------------------------------------------------------------------------


def _parents_first(nodes: list[CatalogTemplateNode]) -> list[CatalogTemplateNode]:
    """Template nodes in tree order (depth first, by sort order), parents before children."""
    ids = {node.pk for node in nodes}
    children: dict[int | None, list[CatalogTemplateNode]] = {}
    for node in nodes:
        parent_id = node.parent_id if node.parent_id in ids else None
        children.setdefault(parent_id, []).append(node)
    ordered: list[CatalogTemplateNode] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(children.get(node.pk, [])))
    return ordered


def catalog_instantiate(
    *, organization: Organization, template: CatalogTemplate, actor, now: datetime
) -> list[CatalogNode]:
    """Copy ``template``'s tree into the organization's catalog.

    Safe to repeat: a column that already exists under the same parent with the same name is
    kept as the office left it (not overwritten). Returns the organization's columns for every
    template node, in tree order, whether created now or kept.
    """
    with transaction.atomic():
        purge_public_pages()  # catalog pages, guides and lists are public
        check_can_manage(actor=actor, organization=organization)
        template_nodes = _parents_first(list(template.nodes.order_by("sort_order", "id")))
        existing = {
            (node.parent_id, node.name): node
            for node in CatalogNode.objects.select_for_update().filter(organization=organization)
        }
        copies: dict[int, CatalogNode] = {}
        result: list[CatalogNode] = []
        created = 0
        for template_node in template_nodes:
            parent = copies.get(template_node.parent_id) if template_node.parent_id else None
            key = (parent.pk if parent else None, template_node.name)
            node = existing.get(key)
            if node is None:
                node = CatalogNode.objects.create(
                    organization=organization,
                    parent=parent,
                    template_node=template_node,
                    **{field: getattr(template_node, field) for field in _COPIED_FIELDS},
                )
                existing[key] = node
                created += 1
            copies[template_node.pk] = node
            result.append(node)
        audit(
            subject=organization,
            action="catalog.instantiate",
            actor=actor,
            at=now,
            summary=_("按模板“%(template)s”建立目录：新建%(created)d个栏目，保留%(kept)d个")
            % {"template": template.name, "created": created, "kept": len(result) - created},
            data={"template": template.pk, "created": created, "kept": len(result) - created},
        )
    return result


def validate_catalog_node(
    *,
    organization: Organization,
    node: CatalogNode | None,
    parent: CatalogNode | None,
    name: str,
) -> None:
    """Rules of one column's place in the tree; raises DomainError with the field name."""
    if not (name or "").strip():
        raise DomainError(_("请填写栏目名称。"), field="name")
    if parent is not None:
        if parent.organization_id != organization.pk:
            raise DomainError(_("上级栏目必须是本机构目录中的栏目。"), field="parent")
        if node is not None and node.pk is not None:
            parent_of = dict(
                CatalogNode.objects.filter(organization=organization).values_list("id", "parent_id")
            )
            cursor: int | None = parent.pk
            while cursor is not None:
                if cursor == node.pk:
                    raise DomainError(_("不能把栏目移到它自己或它的下级栏目之下。"), field="parent")
                cursor = parent_of.get(cursor)
    siblings = CatalogNode.objects.filter(
        organization=organization, parent=parent, name=name.strip()
    )
    if node is not None and node.pk is not None:
        siblings = siblings.exclude(pk=node.pk)
    if siblings.exists():
        raise DomainError(
            _("同一上级栏目下已有名为“%(name)s”的栏目。") % {"name": name.strip()}, field="name"
        )


def catalog_node_save(
    *,
    organization: Organization,
    actor,
    now: datetime,
    node: CatalogNode | None = None,
    parent: CatalogNode | None = KEEP,
    **fields: Any,
) -> CatalogNode:
    """Create a column (``node`` None) or change one.

    ``fields`` are any of NODE_FIELDS. ``parent`` None puts the column at the top of the
    catalog; left out, a new column goes to the top and an existing one stays where it is.
    """
    unknown = set(fields) - set(NODE_FIELDS)
    if unknown:
        raise TypeError(f"catalog_node_save() got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        purge_public_pages()  # catalog pages, guides and lists are public
        check_can_manage(actor=actor, organization=organization)
        creating = node is None
        if creating:
            node = CatalogNode(organization=organization)
            before: dict[str, Any] = {}
        else:
            node = CatalogNode.objects.select_for_update().get(pk=node.pk)
            _check_owner(node, organization)
            before = {field: getattr(node, field) for field in (*NODE_FIELDS, "parent_id")}
        if parent is not KEEP:
            node.parent = parent
        for field, value in fields.items():
            setattr(node, field, value.strip() if isinstance(value, str) else value)
        validate_catalog_node(
            organization=organization, node=node, parent=node.parent, name=node.name
        )
        try:
            node.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise _domain_error(error) from error
        changed = {
            field: [before.get(field), getattr(node, field)]
            for field in (*NODE_FIELDS, "parent_id")
            if creating or before[field] != getattr(node, field)
        }
        if not changed:
            return node
        node.save()
        audit(
            subject=node,
            action="catalog.node_create" if creating else "catalog.node_update",
            actor=actor,
            at=now,
            summary=(_("新建栏目“%(name)s”") if creating else _("修改栏目“%(name)s”"))
            % {"name": node.name},
            data={"organization": organization.pk, "changed": changed},
        )
    return node


# 公开指南 and 公开制度 ---------------------------------------------------------------------


def guide_default_body(organization: Organization) -> str:
    """A complete 公开指南 (HTML) written from the organization's office data, for
    organizations that have not written their own yet, or as the start of one."""
    return render_to_string("catalog/guide_default_body.html", {"org": organization})


def validate_openness_document(
    *,
    organization: Organization,
    kind: str,
    title: str,
    body: str,
    document: OpennessDocument | None = None,
) -> str:
    """Check a guide or rule before saving; returns the sanitized body."""
    if kind not in DocumentKind.values:
        raise DomainError(_("文档类型只能是公开指南或公开制度。"), field="kind")
    if not (title or "").strip():
        raise DomainError(_("请填写标题。"), field="title")
    cleaned = clean_html(body)
    if not html_to_text(cleaned).strip():
        raise DomainError(_("请填写正文。"), field="body")
    if kind == DocumentKind.GUIDE:
        guides = OpennessDocument.objects.filter(organization=organization, kind=kind)
        if document is not None and document.pk is not None:
            guides = guides.exclude(pk=document.pk)
        if guides.exists():
            raise DomainError(
                _("本机构已有政府信息公开指南，请修改原有指南，不要另建。"), field="kind"
            )
    return cleaned


def openness_document_save(
    *,
    organization: Organization,
    kind: str,
    title: str,
    body: str,
    actor,
    now: datetime,
    document: OpennessDocument | None = None,
) -> OpennessDocument:
    """Create or change the organization's 公开指南 (one per organization) or a 公开制度."""
    with transaction.atomic():
        purge_public_pages()  # catalog pages, guides and lists are public
        check_can_manage(actor=actor, organization=organization)
        creating = document is None
        if not creating:
            document = OpennessDocument.objects.select_for_update().get(pk=document.pk)
            _check_owner(document, organization)
        cleaned = validate_openness_document(
            organization=organization, kind=kind, title=title, body=body, document=document
        )
        if creating:
            document = OpennessDocument(organization=organization)
        document.kind = kind
        document.title = title.strip()
        document.body = cleaned
        document.updated_at = now
        document.save()
        audit(
            subject=document,
            action="catalog.document_create" if creating else "catalog.document_update",
            actor=actor,
            at=now,
            summary=_("保存“%(title)s”") % {"title": document.title},
            data={"organization": organization.pk, "kind": kind},
        )
    return document


# 负面清单 ---------------------------------------------------------------------------------


def validate_negative_entry(
    *, matter: str, legal_basis: str, review_on: date | None, is_active: bool, today: date
) -> None:
    if not (matter or "").strip():
        raise DomainError(_("请填写不予公开的事项。"), field="matter")
    if not (legal_basis or "").strip():
        raise DomainError(
            _("负面清单事项必须写明法律依据（法律、法规条款或者条例第十四至十六条）。"),
            field="legal_basis",
        )
    if review_on is None:
        raise DomainError(_("请确定下次评估日期，负面清单事项需要定期评估。"), field="review_on")
    if is_active and review_on < today:
        raise DomainError(_("下次评估日期不能早于今天。"), field="review_on")


def negative_entry_save(
    *,
    organization: Organization,
    actor,
    now: datetime,
    entry: NegativeListEntry | None = None,
    matter: str,
    legal_basis: str,
    scope: str,
    review_on: date | None,
    is_active: bool = True,
) -> NegativeListEntry:
    """Create or change a 负面清单 entry; a legal basis and a review date are required."""
    with transaction.atomic():
        purge_public_pages()  # catalog pages, guides and lists are public
        check_can_manage(actor=actor, organization=organization)
        creating = entry is None
        if not creating:
            entry = NegativeListEntry.objects.select_for_update().get(pk=entry.pk)
            _check_owner(entry, organization)
        validate_negative_entry(
            matter=matter,
            legal_basis=legal_basis,
            review_on=review_on,
            is_active=is_active,
            today=local_date(now),
        )
        if creating:
            entry = NegativeListEntry(organization=organization)
        entry.matter = matter.strip()
        entry.legal_basis = legal_basis.strip()
        entry.scope = (scope or "").strip()
        entry.review_on = review_on
        entry.is_active = is_active
        entry.updated_at = now
        entry.save()
        audit(
            subject=entry,
            action="catalog.negative_create" if creating else "catalog.negative_update",
            actor=actor,
            at=now,
            summary=_("负面清单：%(matter)s") % {"matter": entry.matter},
            data={
                "organization": organization.pk,
                "review_on": review_on.isoformat(),
                "is_active": is_active,
            },
        )
    return entry
