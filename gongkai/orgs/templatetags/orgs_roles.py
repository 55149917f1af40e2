"""Role checks for templates (the workbench navigation)."""

from django import template

from gongkai.orgs.permissions import is_openness_staff

register = template.Library()


@register.filter
def openness_staff(user) -> bool:
    """Whether ``user`` works in an openness office (or runs the platform): the workbench then
    offers 依申请公开, 意见征集, the mailbox and 回应关切."""
    return is_openness_staff(user)
