"""Machine-readable descriptions of an item page: the meta description and schema.org JSON-LD
(``Legislation`` for policy documents, ``Article`` for everything else)."""

import json

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from gongkai.core.sanitize import html_to_text
from gongkai.publishing.choices import Status, Validity
from gongkai.publishing.models import Item

DESCRIPTION_CHARS = 120

# schema.org/LegalForceStatus
LEGAL_FORCE = {
    Validity.CURRENT: "https://schema.org/InForce",
    Validity.AMENDED: "https://schema.org/PartiallyInForce",
    Validity.EXPIRED: "https://schema.org/NotInForce",
    Validity.ABOLISHED: "https://schema.org/NotInForce",
}
# What json.dumps leaves that would end a <script> element early (as django's json_script).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def description(item: Item) -> str:
    """The 内容概述, or failing that the start of the body, as one line of plain text. A
    withdrawn item's text is no longer public: only its title."""
    if item.status == Status.WITHDRAWN:
        return item.title
    text = " ".join((item.summary or html_to_text(item.body) or item.title).split())
    return Truncator(text).chars(DESCRIPTION_CHARS)


def _property(name: str, value: str) -> dict:
    return {"@type": "PropertyValue", "propertyID": name, "value": value}


def item_json_ld(item: Item, *, url: str) -> SafeString:
    """JSON-LD for ``item``'s page at ``url``, safe to put inside <script>."""
    publisher = {"@type": "GovernmentOrganization", "name": item.organization.name}
    identifiers = [_property("索引号", item.index_number)]
    if item.document_number:
        identifiers.append(_property("文号", item.document_number))
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation" if item.is_policy else "Article",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "name": item.title,
        "headline": Truncator(item.title).chars(110),
        "description": description(item),
        "identifier": identifiers,
        "inLanguage": "zh-CN",
        "publisher": publisher,
        "author": publisher,
    }
    if item.published_at:
        data["datePublished"] = timezone.localtime(item.published_at).isoformat()
    if item.updated_at:
        data["dateModified"] = timezone.localtime(item.updated_at).isoformat()
    if item.written_on:
        data["dateCreated"] = item.written_on.isoformat()
    if item.keywords:
        data["keywords"] = item.keywords
    if item.topic_id:
        data["about"] = str(item.topic)
    if item.is_policy:
        data["legislationType"] = item.get_info_type_display()
        data["legislationPassedBy"] = publisher
        if item.document_number:
            data["legislationIdentifier"] = item.document_number
        if item.written_on:
            data["legislationDate"] = item.written_on.isoformat()
        if item.validity in LEGAL_FORCE:
            data["legislationLegalForce"] = LEGAL_FORCE[item.validity]
        if ends := item.abolished_on or item.expires_on:
            data["expires"] = ends.isoformat()
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # escaped above for a <script> element
