from django import template

from ..choices import DECISION_ORDER

register = template.Library()


@register.inclusion_tag("participation/public/_stages.html")
def stage_list(decision, stages=DECISION_ORDER):
    values = [stage.value for stage in stages]
    return {
        "decision": decision,
        "stages": stages,
        "current_index": values.index(decision.status) if decision.status in values else -1,
    }
