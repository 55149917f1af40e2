"""Art. 44 proposals: information several applicants asked for, offered to the openness office
for proactive disclosure with one click.

Only members of an organization's openness office see its proposals and may convert them. The
pages show application numbers and request texts, never who the applicants are.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import org_ids_with_role

from .conversion import conversion_create as convert
from .models import Application, Conversion
from .similarity import similar_groups

PAST_CONVERSIONS = 50


def _office_organizations(user):
    org_ids = org_ids_with_role(user, Role.OPENNESS_OFFICE)
    if not org_ids:
        raise NotAllowed(_("只有政务公开工作机构的人员可以查看依申请公开转主动公开建议。"))
    return Organization.objects.filter(pk__in=org_ids).order_by("sort_order", "id")


@login_required
def proposal_list(request):
    organizations = list(_office_organizations(request.user))
    chosen = request.GET.get("org", "")
    if chosen:
        organizations = [o for o in organizations if str(o.pk) == chosen]
        if not organizations:
            raise Http404
    today = local_date(timezone.now())
    sections = [(org, similar_groups(organization=org, today=today)) for org in organizations]
    conversions = (
        Conversion.objects.filter(organization__in=[o.pk for o in organizations])
        .select_related("item", "organization", "created_by")
        .annotate(application_count=Count("applications"))
        .order_by("-created_at", "-id")[:PAST_CONVERSIONS]
    )
    return render(
        request,
        "foi/proposals/list.html",
        {
            "sections": sections,
            "proposal_count": sum(len(groups) for _org, groups in sections),
            "conversions": conversions,
            "today": today,
            "several": len(organizations) > 1 or bool(chosen),
        },
    )


def _ids(values) -> list[int]:
    try:
        ids = sorted({int(value) for value in values})
    except ValueError:
        raise DomainError(_("所选申请无效，请刷新页面后重试。"), field="applications") from None
    if not ids:
        raise DomainError(_("请选择要转为主动公开的申请。"), field="applications")
    return ids


@login_required
@require_POST
def conversion_create(request):
    org_ids = org_ids_with_role(request.user, Role.OPENNESS_OFFICE)
    if not org_ids:
        raise NotAllowed(_("只有政务公开工作机构的人员可以将申请转为主动公开。"))
    try:
        org_id = int(request.POST.get("organization", ""))
    except ValueError:
        raise Http404 from None
    if org_id not in org_ids:
        raise Http404
    organization = Organization.objects.get(pk=org_id)
    ids = _ids(request.POST.getlist("applications"))
    applications = list(Application.objects.filter(organization=organization, pk__in=ids))
    if len(applications) != len(ids):
        raise DomainError(_("所选申请已不存在或者不属于本机关。"), field="applications")
    conversion = convert(
        organization=organization,
        applications=applications,
        actor=request.user,
        now=timezone.now(),
        title=request.POST.get("title", "")[:200],
    )
    messages.success(
        request,
        _("已生成主动公开信息草稿（索引号 %(index)s），请起草人补充正文后按程序审核、发布。")
        % {"index": conversion.item.index_number},
    )
    return redirect("workbench:item_detail", conversion.item_id)
