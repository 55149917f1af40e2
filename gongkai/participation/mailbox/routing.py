"""Which organization receives a new message.

1. The organization the writer chose, if it takes messages (active).
2. A letter to the leader's mailbox, or one whose writer did not know the organization, goes
   by the ``RoutingRule`` keywords: each keyword found in the subject counts 2, in the body 1;
   the highest score wins, then the rule's priority, then the older rule. A rule names its
   organization directly or by part of its name (教育局), preferring a department of the
   government at the top of the tree.
3. Nothing matched: the government at the top of the tree, whose general office (办公室)
   reads the leader's mailbox and hands letters on (staff then transfer, see
   ``services.message_transfer``).

Matching is on the NFKC, lower-cased text, like the search index, so full-width letters and
digits match their ASCII keywords.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.orgs.models import Level, Organization
from gongkai.search.segment import normalize

from .choices import Kind, RoutedBy
from .models import RoutingRule


@dataclass(frozen=True)
class Routing:
    organization: Organization
    routed_by: str
    rule: RoutingRule | None = None
    score: int = 0


def root_organization() -> Organization:
    """The government at the top of the tree (its office handles the leader's mailbox)."""
    root = (
        Organization.objects.filter(parent__isnull=True, is_active=True)
        .annotate(
            is_gov=Case(
                When(level=Level.GOVERNMENT, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_gov", "sort_order", "id")
        .first()
    )
    if root is None:
        raise DomainError(_("平台尚未设置受理留言的机构，请联系网站管理员。"))
    return root


def rule_organization(rule: RoutingRule, root: Organization) -> Organization | None:
    """The active organization a rule sends to: named, or found by part of its name."""
    if rule.organization_id:
        org = rule.organization
        return org if org.is_active else None
    pattern = rule.organization_name.strip()
    if not pattern:
        return None
    candidates = Organization.objects.filter(name__contains=pattern, is_active=True).annotate(
        rank=Case(
            When(parent=root, level=Level.DEPARTMENT, then=Value(0)),
            When(level=Level.DEPARTMENT, then=Value(1)),
            When(pk=root.pk, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    )
    return candidates.order_by("rank", "sort_order", "id").first()


def rule_score(rule: RoutingRule, subject: str, body: str) -> int:
    subject, body = normalize(subject), normalize(body)
    score = 0
    for keyword in {normalize(word) for word in rule.keyword_list()}:
        if keyword in subject:
            score += 2
        elif keyword in body:
            score += 1
    return score


def route(
    *,
    kind: str,
    chosen_organization: Organization | None,
    subject: str,
    body: str,
    rules: list[RoutingRule] | None = None,
) -> Routing:
    """The organization that receives a new message, and why."""
    if kind != Kind.LEADER and chosen_organization is not None and chosen_organization.is_active:
        return Routing(chosen_organization, RoutedBy.CHOSEN)
    root = root_organization()
    if rules is None:
        rules = list(RoutingRule.objects.filter(is_active=True).select_related("organization"))
    scored = sorted(
        ((rule_score(rule, subject, body), rule) for rule in rules if rule.is_active),
        key=lambda pair: (-pair[0], -pair[1].priority, pair[1].pk or 0),
    )
    for score, rule in scored:
        if score <= 0:
            break
        organization = rule_organization(rule, root)
        if organization is not None:
            return Routing(organization, RoutedBy.RULE, rule, score)
    return Routing(root, RoutedBy.DEFAULT)
