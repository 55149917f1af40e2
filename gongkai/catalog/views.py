"""Public pages: 公开指南, 公开制度 and 负面清单 of one organization."""

from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai.core.sanitize import clean_html
from gongkai.orgs.models import Organization

from . import selectors
from .models import DocumentKind, OpennessDocument
from .services import guide_default_body


def _organization(slug: str) -> Organization:
    return get_object_or_404(Organization, slug=slug, is_active=True)


def guide(request, slug):
    org = _organization(slug)
    document = selectors.guide_document(org)
    # Stored bodies were sanitized on save; cleaning again is cheap and guards older rows.
    body = clean_html(document.body) if document else guide_default_body(org)
    return render(
        request,
        "catalog/guide.html",
        {
            "org": org,
            "document": document,
            "body": mark_safe(body),
            "page_title": _("政府信息公开指南"),
            "section": "guide",
        },
    )


def rules(request, slug):
    org = _organization(slug)
    return render(
        request,
        "catalog/rules.html",
        {
            "org": org,
            "rules": selectors.rule_documents(org),
            "page_title": _("政府信息公开制度"),
            "section": "rules",
        },
    )


def rule(request, slug, pk):
    org = _organization(slug)
    document = get_object_or_404(OpennessDocument, organization=org, kind=DocumentKind.RULES, pk=pk)
    return render(
        request,
        "catalog/rule.html",
        {
            "org": org,
            "document": document,
            "body": mark_safe(clean_html(document.body)),
            "page_title": document.title,
            "section": "rules",
        },
    )


def negative_list(request, slug):
    org = _organization(slug)
    return render(
        request,
        "catalog/negative_list.html",
        {
            "org": org,
            "entries": selectors.active_negative_entries(org),
            "page_title": _("负面清单"),
            "section": "negative_list",
        },
    )
