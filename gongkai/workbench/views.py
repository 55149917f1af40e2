"""Staff pages. Views translate HTTP to service calls and DomainErrors to readable pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError
from gongkai.core.timeutil import local_date
from gongkai.foi.selectors import workbench_counts as foi_workbench_counts
from gongkai.interpretation import services as interp_services
from gongkai.interpretation.models import Interpretation
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import is_openness_staff, org_ids_with_role, scope_to_user
from gongkai.participation.selectors import workbench_counts as participation_counts
from gongkai.publishing import services
from gongkai.publishing.choices import PUBLIC_STATUSES, Status
from gongkai.publishing.models import ItemRelation
from gongkai.publishing.selectors import staff_items, todo_for
from gongkai.response.selectors import home_clocks as response_home_clocks
from gongkai.workdays import calendar_warnings

from .forms import (
    AbolishForm,
    AttachmentForm,
    AttributeForm,
    InterpretationForm,
    ItemForm,
    PublishForm,
    ReasonForm,
    RelationForm,
    RelationRemoveForm,
)


def _show_error(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


@login_required
def home(request):
    now = timezone.now()
    today = local_date(now)
    return render(
        request,
        "workbench/home.html",
        {
            "todo": todo_for(request.user, today=today),
            "foi_counts": foi_workbench_counts(request.user, today)
            if is_openness_staff(request.user)
            else None,
            "calendar_warnings": calendar_warnings(today),
            "response_clocks": response_home_clocks(request.user, now),
            "participation_counts": participation_counts(request.user, today),
            "today": today,
        },
    )


@login_required
def item_list(request):
    items = staff_items(request.user).order_by("-updated_at")
    status = request.GET.get("status", "")
    if status in Status.values:
        items = items.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        items = items.filter(title__icontains=q)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "workbench/item_list.html",
        {
            "page": page,
            "statuses": Status.choices,
            "status": status,
            "q": q,
        },
    )


def _drafter_orgs(user):
    return Organization.objects.filter(pk__in=org_ids_with_role(user, Role.DRAFTER))


@login_required
def item_create(request):
    organizations = _drafter_orgs(request.user)
    if not organizations.exists():
        raise DomainError(_("您没有起草人岗位，不能新建信息。请联系本单位政务公开工作机构。"))
    form = ItemForm(request.POST or None, organizations=organizations)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = services.item_create(
                    organization=form.cleaned_data["organization"],
                    actor=request.user,
                    now=timezone.now(),
                    catalog_nodes=form.cleaned_data["catalog_nodes"],
                    co_issuers=form.cleaned_data["co_issuers"],
                    **form.service_fields(),
                )
            except DomainError as exc:
                _show_error(form, exc)
            else:
                messages.success(request, _("已保存草稿，索引号 %s。") % item.index_number)
                return redirect("workbench:item_detail", item.pk)
        status = 400
    return render(
        request,
        "workbench/item_form.html",
        {"form": form, "title": _("新建政府信息")},
        status=status,
    )


def _visible_item(user, pk) -> "services.Item":
    try:
        return staff_items(user).get(pk=pk)
    except services.Item.DoesNotExist:
        raise Http404 from None


def _detail(request, item, *, status=200, **extra):
    item = (
        staff_items(request.user)
        .prefetch_related(
            "attachments",
            "catalog_nodes",
            "co_issuers",
            "events__actor",
            "interpretations",
            "relations_out__target",
            Prefetch(
                "relations_in",
                queryset=ItemRelation.objects.filter(
                    source__status__in=PUBLIC_STATUSES
                ).select_related("source"),
                to_attr="public_relations_in",
            ),
        )
        .select_related("topic__parent")
        .get(pk=item.pk)
    )
    actions = services.actions_for(request.user, item)
    context = {
        "item": item,
        "actions": actions,
        "findings": services.findings_for(item)
        if item.status
        in (
            Status.CONFIDENTIALITY_REVIEW,
            Status.UNIT_REVIEW,
            Status.DRAFT,
            Status.ATTRIBUTE_REVIEW,
        )
        else [],
        "due_on": services.publication_due_on(item) if item.written_on else None,
        "reason_form": ReasonForm(),
        "attribute_form": AttributeForm(
            initial={
                "attribute": item.attribute,
                "ground": item.ground,
                "explanation": item.attribute_explanation,
            }
        ),
        "publish_form": PublishForm(),
        "abolish_form": AbolishForm(),
        "attachment_form": AttachmentForm(),
        "relation_form": RelationForm(),
        **extra,
    }
    return render(request, "workbench/item_detail.html", context, status=status)


@login_required
def item_detail(request, pk):
    return _detail(request, _visible_item(request.user, pk))


@login_required
def item_edit(request, pk):
    item = _visible_item(request.user, pk)
    correcting = item.status == Status.PUBLISHED
    form = ItemForm(request.POST or None, instance=item)
    reason_form = ReasonForm(request.POST or None) if correcting else None
    status = 200
    if request.method == "POST":
        if form.is_valid() and (reason_form is None or reason_form.is_valid()):
            try:
                if correcting:
                    services.item_correct(
                        item=item,
                        actor=request.user,
                        now=timezone.now(),
                        reason=reason_form.cleaned_data["reason"],
                        **form.service_fields(),
                    )
                else:
                    services.item_update(
                        item=item,
                        actor=request.user,
                        now=timezone.now(),
                        catalog_nodes=form.cleaned_data["catalog_nodes"],
                        co_issuers=form.cleaned_data["co_issuers"],
                        **form.service_fields(),
                    )
            except DomainError as exc:
                _show_error(reason_form if exc.field == "reason" else form, exc)
            else:
                messages.success(request, _("已更正并重新登记。") if correcting else _("已保存。"))
                return redirect("workbench:item_detail", item.pk)
        status = 400
    return render(
        request,
        "workbench/item_form.html",
        {
            "form": form,
            "reason_form": reason_form,
            "item": item,
            "title": _("更正：%s") % item.title if correcting else _("修改：%s") % item.title,
        },
        status=status,
    )


def _run(request, item, call, done_message):
    """Run a workflow service for a POSTed action; show its refusal on the item page."""
    try:
        call()
    except DomainError as exc:
        return _detail(request, item, status=exc.status_code, error=exc.message)
    messages.success(request, done_message)
    return redirect("workbench:item_detail", item.pk)


def _run_form(request, item, form, form_name, call, done_message):
    """``_run`` for an action with a form: an invalid form is shown again on the item page
    (400) as ``form_name``; ``call`` gets the cleaned data."""
    if not form.is_valid():
        return _detail(request, item, status=400, **{form_name: form})
    return _run(request, item, lambda: call(form.cleaned_data), done_message)


@require_POST
@login_required
def item_action(request, pk, action):
    item = _visible_item(request.user, pk)
    now, user, post = timezone.now(), request.user, request.POST
    reason = post.get("reason", "").strip()
    if action == "submit":
        return _run(
            request,
            item,
            lambda: services.item_submit(item=item, actor=user, now=now),
            _("已提交审核。"),
        )
    if action == "approve":
        return _run(
            request,
            item,
            lambda: services.item_approve(item=item, actor=user, now=now, comment=reason),
            _("已审核通过。"),
        )
    if action == "return":
        return _run(
            request,
            item,
            lambda: services.item_return(item=item, actor=user, now=now, reason=reason),
            _("已退回起草人修改。"),
        )
    if action == "deidentify":
        return _run(
            request,
            item,
            lambda: services.item_deidentify(item=item, actor=user, now=now),
            _("已对身份证号、手机号、银行卡号做去标识化处理。"),
        )
    if action == "attribute":
        return _run_form(
            request,
            item,
            AttributeForm(post),
            "attribute_form",
            lambda data: services.item_attribute_decide(
                item=item,
                actor=user,
                now=now,
                attribute=data["attribute"],
                ground=data["ground"],
                explanation=data["explanation"],
                comment=data["comment"],
            ),
            _("已完成公开属性审查。"),
        )
    if action == "publish":
        form = PublishForm(post)
        if not form.is_valid():
            return _detail(request, item, status=400, publish_form=form)
        at = form.cleaned_data["at"]
        return _run(
            request,
            item,
            lambda: services.item_publish(item=item, actor=user, now=now, at=at),
            _("已设定定时发布。") if at and at > now else _("已发布。"),
        )
    if action == "withdraw":
        return _run(
            request,
            item,
            lambda: services.item_withdraw(item=item, actor=user, now=now, reason=reason),
            _("已撤回。"),
        )
    if action == "abolish":
        form = AbolishForm(post)
        if not form.is_valid():
            return _detail(request, item, status=400, abolish_form=form)
        on = form.cleaned_data["effective_on"]
        return _run(
            request,
            item,
            lambda: services.item_abolish(
                item=item, actor=user, now=now, reason=form.cleaned_data["reason"], effective_on=on
            ),
            _("已决定自%(date)s起废止，届时自动标为废止。")
            % {"date": dateformat.format(on, "Y年n月j日")}
            if on and on > local_date(now)
            else _("已废止。"),
        )
    if action == "attach":
        return _run_form(
            request,
            item,
            AttachmentForm(post, request.FILES),
            "attachment_form",
            lambda data: services.attachment_add(
                item=item,
                actor=user,
                now=now,
                file=data["file"],
                title=data["title"],
                alt_text=data["alt_text"],
            ),
            _("附件已上传。"),
        )
    if action == "relate":
        return _run_form(
            request,
            item,
            RelationForm(post),
            "relation_form",
            lambda data: services.item_relation_add(
                source=item,
                target=services.item_for_reference(data["reference"]),
                kind=data["kind"],
                actor=user,
                now=now,
            ),
            _("已添加关联信息。"),
        )
    if action == "unrelate":
        form = RelationRemoveForm(post, item=item)
        if not form.is_valid():
            raise Http404
        return _run(
            request,
            item,
            lambda: services.item_relation_remove(
                relation=form.cleaned_data["relation"], actor=user, now=now
            ),
            _("已取消关联。"),
        )
    raise Http404


# ---------------------------------------------------------------- interpretations


@login_required
def interpretation_create(request, pk):
    policy = _visible_item(request.user, pk)
    form = InterpretationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                interp_services.interpretation_create(
                    organization=policy.organization,
                    actor=request.user,
                    now=timezone.now(),
                    policies=[policy],
                    **form.cleaned_data,
                )
            except DomainError as exc:
                _show_error(form, exc)
            else:
                messages.success(request, _("解读已保存，请提交审核。"))
                return redirect("workbench:item_detail", policy.pk)
        status = 400
    return render(
        request,
        "workbench/interpretation_form.html",
        {"form": form, "policy": policy},
        status=status,
    )


@require_POST
@login_required
def interpretation_action(request, pk, action):
    interpretation = get_object_or_404(
        scope_to_user(Interpretation.objects.all(), request.user), pk=pk
    )
    policy = interpretation.policies.first()
    now, user = timezone.now(), request.user
    reason = request.POST.get("reason", "")
    calls = {
        "submit": (
            lambda: interp_services.interpretation_submit(
                interpretation=interpretation, actor=user, now=now
            ),
            _("解读已提交审核。"),
        ),
        "approve": (
            lambda: interp_services.interpretation_review(
                interpretation=interpretation, actor=user, now=now, approve=True
            ),
            _("解读已审核通过，将与政策文件同步发布。"),
        ),
        "return": (
            lambda: interp_services.interpretation_review(
                interpretation=interpretation, actor=user, now=now, approve=False, reason=reason
            ),
            _("解读已退回修改。"),
        ),
        "publish": (
            lambda: interp_services.interpretation_publish(
                interpretation=interpretation, actor=user, now=now
            ),
            _("解读已发布。"),
        ),
    }
    if action not in calls:
        raise Http404
    call, done = calls[action]
    return _run(request, policy, call, done)
