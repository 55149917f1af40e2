"""The mailbox's entry in the workbench navigation, with its three-month warning badge, and a
panel of warnings for the workbench home page (``{% mailbox_warnings %}``)."""

from django import template
from django.utils import timezone

from gongkai.core.timeutil import local_date

from .. import selectors

register = template.Library()


@register.inclusion_tag("mailbox/staff/_nav.html", takes_context=True)
def mailbox_nav(context):
    """``<li>`` for users who handle messages; nothing for the others."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"counts": None}
    return {"counts": selectors.nav_counts(user, local_date(timezone.now()))}


@register.inclusion_tag("mailbox/staff/_warnings.html", takes_context=True)
def mailbox_warnings(context):
    """The three-month banners, for any workbench page that wants them."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"counts": None}
    return {"counts": selectors.nav_counts(user, local_date(timezone.now()))}
