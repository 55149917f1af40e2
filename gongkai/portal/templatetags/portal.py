"""Small helpers for the portal's templates."""

from django import template

register = template.Library()

# Which main-navigation entry a page belongs to, by URL name (or namespace).
SECTION_OF = {
    "portal:home": "home",
    "portal:policies": "policies",
    "portal:interpretations": "jiedu",
    "portal:interpretation": "jiedu",
    "portal:organizations": "orgs",
    "portal:organization": "orgs",
    "portal:catalog_node": "orgs",
    "catalog": "orgs",
    "portal:xxgk": "xxgk",
    "portal:item_list": "xxgk",
    "portal:topics": "xxgk",
    "portal:topic_items": "xxgk",
    "portal:types": "xxgk",
    "portal:type_items": "xxgk",
    "portal:item": "xxgk",
    "search": "search",
    "foi": "foi",
    "participation": "hdjl",
    "response": "hygq",
    "mailbox": "hdjl",
    "faq": "hdjl",
}


@register.simple_tag(takes_context=True)
def nav_section(context) -> str:
    """The main-navigation section of the current page ("" when none)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return SECTION_OF.get(match.view_name, SECTION_OF.get(match.namespace, ""))
