"""Who answers for a public-opinion event: 属地管理、分级负责、谁主管谁负责.

``suggest_responsible(level=, place=, subject=)`` proposes the responsible organization; staff
may choose another one, with a reason that is recorded (``services.event_record``).

1. **分级负责 — the tier.** An event of level 一般 is handled at the county level (区县) of the
   place where it happens; 较大, 重大 and 特别重大 events at the city level (市), as in the
   national grading of incidents (一般 → 县级, 较大 → 设区的市级). An event without a place in
   a district (city-wide, or the place is the city itself) is handled at the city level
   whatever its level.
2. **属地管理 — the place.** The county tier is the district (or county) government of the
   place: the place itself when it is a district, its parent when it is a town (乡镇、街道) or a
   district department.
3. **谁主管谁负责 — the competent department.** Within the tier, the department in charge of
   the subject answers: the subject department itself when it belongs to that tier's
   government, otherwise its counterpart there (江北区教育局 ↔ 临江市教育局), found by
   ``function_key``: the department's name without its region (临江市, 江北区) and without the
   kind of body (局, 委员会, 办公室 …), or failing that by the last part of the web slug
   (``jiangbei-jyj`` ↔ ``jyj``).
4. No subject, or no counterpart at that tier: the tier's government itself (区县政府 or
   市政府), whose general office then coordinates.

Inactive organizations are never proposed.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.orgs.models import Level, Organization

from .choices import EventLevel

GOVERNMENT_LEVELS = (Level.GOVERNMENT, Level.DISTRICT)
DEPARTMENT_LEVELS = (Level.DEPARTMENT, Level.DISTRICT_DEPARTMENT)
# Kinds of body, longest first, stripped from a department's name to get its function.
BODY_SUFFIXES = ("委员会", "办公室", "管理局", "局", "委", "办", "厅", "处", "所")
GOVERNMENT_SUFFIXES = ("人民政府", "政府")

COUNTY, CITY = "county", "city"


@dataclass(frozen=True)
class Suggestion:
    organization: Organization
    tier: str  # COUNTY or CITY
    explanation: str


def region_name(government: Organization) -> str:
    """临江市 for 临江市人民政府."""
    name = government.name
    for suffix in GOVERNMENT_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def function_key(department: Organization) -> str:
    """What a department does, comparable across tiers: 教育 for 临江市教育局 and 江北区教育局,
    发展和改革 for 临江市发展和改革委员会 and 江北区发展和改革局."""
    name = department.name
    government = department.parent
    if government is not None:
        region = region_name(government)
        if region and name.startswith(region):
            name = name[len(region) :]
    for suffix in BODY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def government_of(org: Organization) -> Organization:
    """The government an organization belongs to (itself when it is one)."""
    node = org
    while node is not None and node.level not in GOVERNMENT_LEVELS:
        node = node.parent
    return node or org


def city_government(*hints: Organization | None) -> Organization:
    """The government at the top: above the given organizations, or the tree's root."""
    for hint in hints:
        if hint is None:
            continue
        top = ([*hint.ancestors(), hint])[0]
        if top.level == Level.GOVERNMENT and top.is_active:
            return top
    root = (
        Organization.objects.filter(parent__isnull=True, level=Level.GOVERNMENT, is_active=True)
        .order_by("sort_order", "id")
        .first()
    )
    if root is None:
        raise DomainError(_("平台尚未设置人民政府机构，无法确定舆情责任单位。"))
    return root


def _slug_tail(org: Organization) -> str:
    return org.slug.rsplit("-", 1)[-1]


def counterpart(subject: Organization, government: Organization) -> Organization | None:
    """The department of ``government`` doing what ``subject`` does (``subject`` itself when it
    already belongs to that government)."""
    if subject.level not in DEPARTMENT_LEVELS:
        return None
    if subject.parent_id == government.pk:
        return subject if subject.is_active else None
    candidates = list(
        Organization.objects.filter(
            parent=government, level__in=DEPARTMENT_LEVELS, is_active=True
        ).order_by("sort_order", "id")
    )
    key = function_key(subject)
    for candidate in candidates:
        if function_key(candidate) == key:
            return candidate
    tail = _slug_tail(subject)
    for candidate in candidates:
        if _slug_tail(candidate) == tail:
            return candidate
    return None


def _district_of(place: Organization | None, subject: Organization | None):
    """The county-tier government of the place (or, without a place, of a county-level
    subject department); None when the event is not local to a district."""
    for org in (place, subject):
        if org is None:
            continue
        government = government_of(org)
        if government.level == Level.DISTRICT:
            return government
        if org is place:
            return None  # a place at city level: the event is city-wide
    return None


def suggest_responsible(
    *,
    level: str,
    place: Organization | None = None,
    subject: Organization | None = None,
) -> Suggestion:
    """The responsible organization by 属地管理、分级负责、谁主管谁负责 (see the module)."""
    if level not in EventLevel.values:
        raise DomainError(_("请选择舆情级别。"), field="level")
    district = _district_of(place, subject)
    if level == EventLevel.GENERAL and district is not None and district.is_active:
        tier, government = COUNTY, district
        why = _("一般舆情由事发地区县负责回应")
    else:
        tier, government = CITY, city_government(place, subject)
        why = (
            _("%(level)s舆情由市级负责回应") % {"level": EventLevel(level).label}
            if level != EventLevel.GENERAL
            else _("全市性舆情由市级负责回应")
        )
    department = counterpart(subject, government) if subject is not None else None
    if department is not None:
        organization = department
        who = _("主管部门为%(org)s") % {"org": department.name}
    else:
        organization = government
        who = (
            _("%(gov)s没有对口的主管部门，由%(gov)s负责并协调") % {"gov": government.name}
            if subject is not None
            else _("未指定主管部门，由%(gov)s负责") % {"gov": government.name}
        )
    return Suggestion(organization, tier, _("%(why)s；%(who)s。") % {"why": why, "who": who})


def overseeing_organization(responsible: Organization) -> Organization:
    """Where a missed clock is escalated: the responsible organization's parent (the
    government over a department, the city over a district), or, at the top, the government
    itself — its 政务公开工作机构."""
    return responsible.parent if responsible.parent_id else responsible
