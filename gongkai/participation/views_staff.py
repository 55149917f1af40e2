"""The workbench of 公众参与 (/workbench/participation/): consultations, the moderation queue,
feedback marking and the report, and the catalog of major decisions.

Views translate HTTP into calls of ``gongkai.participation.services`` and show a refusal
(``DomainError`` and its kinds) on the page it came from, with the matching 4xx status.
Records of organizations the user does not handle answer 404.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.staff_views import run_form, run_service
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import is_openness_staff
from gongkai.publishing.models import Item

from . import selectors, services
from .choices import CommentStatus, ConsultationState
from .forms import (
    AdvanceForm,
    ChannelCountsForm,
    CloseForm,
    ConsultationForm,
    DecisionEditForm,
    DecisionForm,
    ExtendForm,
    GroupCreateForm,
    GroupForm,
    MarkForm,
    ReasonForm,
    ReportForm,
)
from .models import Comment, Consultation, Decision, ParticipationSettings

PAGE_SIZE = 30
TABS = (
    ("all", gettext_lazy("全部")),
    (ConsultationState.DRAFT, ConsultationState.DRAFT.label),
    (ConsultationState.OPEN, ConsultationState.OPEN.label),
    (ConsultationState.CLOSED, gettext_lazy("已结束待反馈")),
    ("overdue", gettext_lazy("反馈逾期")),
    (ConsultationState.REPORTED, ConsultationState.REPORTED.label),
)


def _require_workbench(user) -> None:
    if not is_openness_staff(user):
        raise NotAllowed(_("只有政务公开工作机构的人员可以办理公众参与事项。"))


def _organizations(user):
    ids = selectors.office_org_ids(user)
    orgs = Organization.objects.filter(is_active=True).order_by("sort_order", "id")
    return orgs if ids is None else orgs.filter(pk__in=ids)


def _consultation(user, pk) -> Consultation:
    _require_workbench(user)
    return get_object_or_404(selectors.staff_consultations(user), pk=pk)


def _decision(user, pk) -> Decision:
    _require_workbench(user)
    return get_object_or_404(selectors.staff_decisions(user), pk=pk)


def _today():
    return local_date(timezone.now())


# ---------------------------------------------------------------- consultations


@login_required
def consultation_list(request):
    user = request.user
    _require_workbench(user)
    today = _today()
    tab = request.GET.get("tab", "all")
    if tab not in dict(TABS):
        tab = "all"
    config = ParticipationSettings.load()
    rows = [selectors.staff_row(c, today, config) for c in selectors.staff_consultations(user)]
    counts = {key: 0 for key, _label in TABS}
    for row in rows:
        counts["all"] += 1
        counts[row.state] = counts.get(row.state, 0) + 1
        counts["overdue"] += row.overdue
    if tab == "overdue":
        rows = [row for row in rows if row.overdue]
    elif tab != "all":
        rows = [row for row in rows if row.state == tab]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/staff/list.html",
        {
            "page": page,
            "tab": tab,
            "tabs": [(key, label, counts.get(key, 0)) for key, label in TABS],
            "pending": selectors.moderation_queue(user).count(),
            "config": config,
            "today": today,
        },
    )


def _form_page(request, form, *, consultation=None, status=200, error=None, warning=None):
    """The consultation's form; a refusal shows on the form (``error`` is not repeated above)."""
    return render(
        request,
        "participation/staff/consultation_form.html",
        {"form": form, "consultation": consultation, "warning": warning},
        status=status,
    )


def _warning_for(form) -> str | None:
    data = form.cleaned_data
    return services.period_warning(
        major=data.get("decision") is not None,
        opens_on=data.get("opens_on"),
        closes_on=data.get("closes_on"),
    )


def _save(request, form, call, done, *, consultation=None):
    """Run the consultation's create or update service for a POSTed form; once saved, say
    whether its period falls short of the rules."""
    response = run_form(
        request,
        form,
        call,
        done,
        lambda saved: reverse("participation_staff:detail", args=[saved.pk]),
        partial(_form_page, request, form, consultation=consultation),
    )
    if isinstance(response, HttpResponseRedirect) and (warning := _warning_for(form)):
        messages.warning(request, warning)
    return response


@login_required
def consultation_create(request):
    user = request.user
    _require_workbench(user)
    form = ConsultationForm(request.POST or None, organizations=_organizations(user))
    if request.method != "POST":
        return _form_page(request, form)
    return _save(
        request,
        form,
        lambda data: services.consultation_create(
            organization=data["organization"],
            data=form.service_data(),
            channels=form.service_channels(),
            actor=user,
            now=timezone.now(),
        ),
        _("已保存草稿。"),
    )


@login_required
def consultation_edit(request, pk):
    user = request.user
    consultation = _consultation(user, pk)
    form = ConsultationForm(request.POST or None, instance=consultation)
    if request.method != "POST":
        return _form_page(
            request,
            form,
            consultation=consultation,
            warning=services.consultation_period_warning(consultation),
        )
    return _save(
        request,
        form,
        lambda data: services.consultation_update(
            consultation=consultation,
            data=form.service_data(),
            channels=form.service_channels(),
            actor=user,
            now=timezone.now(),
        ),
        _("已保存。"),
        consultation=consultation,
    )


def _detail(request, consultation, *, status=200, error=None, **forms):
    today = _today()
    row = selectors.staff_row(consultation, today)
    comments = list(
        consultation.comments.select_related("article", "moderated_by").order_by("-submitted_at")
    )
    context = {
        "c": consultation,
        "row": row,
        "articles": consultation.articles.all(),
        "channels": consultation.channels.all(),
        "comments": comments,
        "error": error,
        "extend_form": forms.get("extend_form") or ExtendForm(prefix="extend"),
        "close_form": forms.get("close_form") or CloseForm(prefix="close"),
        "early": today <= consultation.closes_on,
    }
    return render(request, "participation/staff/detail.html", context, status=status)


@login_required
def consultation_detail(request, pk):
    return _detail(request, _consultation(request.user, pk))


@require_POST
@login_required
def consultation_action(request, pk, action):
    user = request.user
    consultation = _consultation(user, pk)
    now = timezone.now()
    if action == "publish":
        call = partial(
            services.consultation_publish, consultation=consultation, actor=user, now=now
        )
        done = _("已发布，公众可以在门户网站上看到征求意见稿。")
    elif action == "extend":
        form = ExtendForm(request.POST, prefix="extend")
        if not form.is_valid():
            return _detail(request, consultation, status=400, extend_form=form)
        call = partial(
            services.consultation_extend,
            consultation=consultation,
            actor=user,
            now=now,
            **form.cleaned_data,
        )
        done = _("已延长征求意见期限。")
    elif action == "close":
        form = CloseForm(request.POST, prefix="close")
        form.is_valid()
        call = partial(
            services.consultation_close,
            consultation=consultation,
            actor=user,
            now=now,
            reason=form.cleaned_data.get("reason", ""),
        )
        done = _("意见征集已结束，请审核剩余意见并标注采纳情况。")
    else:
        raise Http404
    return run_service(
        request,
        call,
        done,
        reverse("participation_staff:detail", args=[consultation.pk]),
        partial(_detail, request, consultation),
    )


# ---------------------------------------------------------------- moderation


def _queue_page(request, *, status=200, error=None):
    comments = list(selectors.moderation_queue(request.user))
    comments.sort(key=lambda c: (not c.spam_flags, c.submitted_at, c.pk))
    return render(
        request,
        "participation/staff/moderation.html",
        {"comments": comments, "error": error},
        status=status,
    )


@login_required
def moderation(request):
    _require_workbench(request.user)
    return _queue_page(request)


def _comment(user, pk) -> Comment:
    _require_workbench(user)
    ids = selectors.office_org_ids(user)
    comments = Comment.objects.select_related("consultation__organization")
    if ids is not None:
        comments = comments.filter(consultation__organization__in=ids)
    return get_object_or_404(comments, pk=pk)


def _next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@require_POST
@login_required
def comment_action(request, pk, action):
    user = request.user
    comment = _comment(user, pk)
    now = timezone.now()
    if action == "approve":
        call = partial(services.comment_approve, comment=comment, actor=user, now=now)
        done = _("意见 %(number)s 已公开。")
    elif action == "reject":
        reason = request.POST.get("reason", "")
        call = partial(services.comment_reject, comment=comment, reason=reason, actor=user, now=now)
        done = _("意见 %(number)s 不予公开，理由已记录。")
    else:
        raise Http404
    return run_service(
        request,
        call,
        done % {"number": comment.receipt_number},
        _next(request, reverse("participation_staff:moderation")),
        partial(_queue_page, request),
    )


# ---------------------------------------------------------------- feedback


def _feedback_page(request, consultation, *, status=200, error=None, **forms):
    today = _today()
    state = consultation.state(today)
    groups = list(consultation.opinion_groups.all())
    published = list(
        consultation.comments.filter(status=CommentStatus.PUBLISHED)
        .select_related("article", "group")
        .order_by("article__position", "submitted_at", "id")
    )
    ungrouped = [c for c in published if not c.group_id]
    group_forms = [
        (
            group,
            forms.get(f"group_{group.pk}")
            or GroupForm(
                initial={
                    "summary": group.summary,
                    "offline_count": group.offline_count,
                    "concentrated": group.marked_concentrated,
                    "adoption": group.adoption,
                    "reason": group.reason,
                },
                prefix=f"g{group.pk}",
            ),
            [c for c in published if c.group_id == group.pk],
        )
        for group in groups
    ]
    mark_forms = [
        (
            comment,
            forms.get(f"mark_{comment.pk}")
            or MarkForm(
                initial={
                    "group": str(comment.group_id or ""),
                    "adoption": comment.adoption,
                    "reason": comment.adoption_reason,
                },
                groups=groups,
                prefix=f"c{comment.pk}",
            ),
        )
        for comment in published
    ]
    report = consultation.report if consultation.has_report() else None
    return render(
        request,
        "participation/staff/feedback.html",
        {
            "c": consultation,
            "state": state,
            "editable": state == ConsultationState.CLOSED,
            "error": error,
            "group_forms": group_forms,
            "mark_forms": mark_forms,
            "create_form": forms.get("create_form")
            or GroupCreateForm(comments=ungrouped, prefix="new"),
            "counts_form": forms.get("counts_form")
            or ChannelCountsForm(channels=consultation.channels.all()),
            "report_form": forms.get("report_form") or ReportForm(),
            "problems": services.report_problems(consultation) if report is None else [],
            "preview": selectors.report_data(consultation) if report is None else report.data,
            "report": report,
            "due_on": selectors.report_due_on(consultation)
            if state == ConsultationState.CLOSED
            else None,
        },
        status=status,
    )


@login_required
def feedback(request, pk):
    return _feedback_page(request, _consultation(request.user, pk))


def _feedback_run(request, consultation, call, done, **forms):
    """Run a feedback service; a refusal shows on the feedback page, the forms as posted."""
    return run_service(
        request,
        call,
        done,
        reverse("participation_staff:feedback", args=[consultation.pk]),
        partial(_feedback_page, request, consultation, **forms),
    )


@require_POST
@login_required
def group_create(request, pk):
    user = request.user
    consultation = _consultation(user, pk)
    ungrouped = consultation.comments.filter(status=CommentStatus.PUBLISHED, group=None)
    form = GroupCreateForm(request.POST, comments=list(ungrouped), prefix="new")
    if not form.is_valid():
        return _feedback_page(request, consultation, status=400, create_form=form)
    return _feedback_run(
        request,
        consultation,
        lambda: services.opinion_group_create(
            consultation=consultation,
            comment_ids=form.cleaned_data["comments"],
            actor=user,
            now=timezone.now(),
            **form.service_kwargs(),
        ),
        _("已归并同类意见。"),
        create_form=form,
    )


@require_POST
@login_required
def group_update(request, pk, group_pk):
    user = request.user
    consultation = _consultation(user, pk)
    group = get_object_or_404(consultation.opinion_groups.all(), pk=group_pk)
    form = GroupForm(request.POST, prefix=f"g{group.pk}")
    forms = {f"group_{group.pk}": form}
    if not form.is_valid():
        return _feedback_page(request, consultation, status=400, **forms)
    return _feedback_run(
        request,
        consultation,
        lambda: services.opinion_group_update(
            group=group, actor=user, now=timezone.now(), **form.service_kwargs()
        ),
        _("已保存同类意见的采纳情况。"),
        **forms,
    )


@require_POST
@login_required
def comment_mark(request, pk, comment_pk):
    user = request.user
    consultation = _consultation(user, pk)
    comment = get_object_or_404(consultation.comments.all(), pk=comment_pk)
    groups = list(consultation.opinion_groups.all())
    form = MarkForm(request.POST, groups=groups, prefix=f"c{comment.pk}")
    forms = {f"mark_{comment.pk}": form}
    if not form.is_valid():
        return _feedback_page(request, consultation, status=400, **forms)
    data = form.cleaned_data
    return _feedback_run(
        request,
        consultation,
        lambda: services.comment_mark(
            comment=comment,
            group=form.groups.get(data["group"] or ""),
            adoption=data["adoption"],
            reason=data["reason"],
            actor=user,
            now=timezone.now(),
        ),
        _("已标注意见 %(number)s。") % {"number": comment.receipt_number},
        **forms,
    )


@require_POST
@login_required
def channel_counts(request, pk):
    user = request.user
    consultation = _consultation(user, pk)
    form = ChannelCountsForm(request.POST, channels=consultation.channels.all())
    if not form.is_valid():
        return _feedback_page(request, consultation, status=400, counts_form=form)
    return _feedback_run(
        request,
        consultation,
        lambda: services.channel_counts_set(
            consultation=consultation, counts=form.cleaned_data, actor=user, now=timezone.now()
        ),
        _("已保存线下渠道的意见数。"),
        counts_form=form,
    )


@require_POST
@login_required
def report_publish(request, pk):
    user = request.user
    consultation = _consultation(user, pk)
    form = ReportForm(request.POST)
    form.is_valid()
    return _feedback_run(
        request,
        consultation,
        lambda: services.feedback_report_publish(
            consultation=consultation,
            summary=form.cleaned_data.get("summary", ""),
            actor=user,
            now=timezone.now(),
        ),
        _("意见采纳情况反馈已发布。"),
        report_form=form,
    )


# ---------------------------------------------------------------- the decision catalog


def _decisions_page(request, form, *, status=200, error=None):
    """The catalog with the form to add to it; a refusal shows on the form (``error`` is
    not repeated above it)."""
    return render(
        request,
        "participation/staff/decisions.html",
        {"decisions": selectors.staff_decisions(request.user), "form": form},
        status=status,
    )


@login_required
def decision_list(request):
    user = request.user
    _require_workbench(user)
    form = DecisionForm(organizations=_organizations(user), initial={"year": _today().year})
    return _decisions_page(request, form)


@require_POST
@login_required
def decision_create(request):
    user = request.user
    _require_workbench(user)
    form = DecisionForm(request.POST, organizations=_organizations(user))
    return run_form(
        request,
        form,
        lambda data: services.decision_create(actor=user, now=timezone.now(), **data),
        _("已列入目录。"),
        lambda decision: reverse("participation_staff:decision", args=[decision.pk]),
        partial(_decisions_page, request, form),
    )


def _decision_page(request, decision, *, status=200, error=None, **forms):
    initial = {field: getattr(decision, field) for field in services.DECISION_FIELDS}
    return render(
        request,
        "participation/staff/decision.html",
        {
            "decision": decision,
            "changes": decision.changes.select_related("actor"),
            "consultations": decision.consultations.select_related("report"),
            "next_status": services.next_status(decision.status),
            "next_label": dict(Decision._meta.get_field("status").choices).get(
                services.next_status(decision.status) or ""
            ),
            "edit_form": forms.get("edit_form") or DecisionEditForm(initial=initial),
            "advance_form": forms.get("advance_form") or AdvanceForm(),
            "remove_form": forms.get("remove_form") or ReasonForm(prefix="remove"),
            "error": error,
        },
        status=status,
    )


@login_required
def decision_detail(request, pk):
    return _decision_page(request, _decision(request.user, pk))


# The catalog entry's actions: what a valid form's data mean to the service.


def _decision_update(decision, data, *, actor, now):
    changes = {field: value for field, value in data.items() if field != "reason"}
    return services.decision_update(
        decision=decision, changes=changes, reason=data["reason"], actor=actor, now=now
    )


def _decision_advance(decision, data, *, actor, now):
    item = None
    if data["decision_item"]:
        item = Item.objects.filter(pk=data["decision_item"]).first()
        if item is None:
            raise DomainError(_("没有这条信息。"), field="decision_item")
    return services.decision_advance(
        decision=decision,
        to=services.next_status(decision.status) or "",
        note=data["note"],
        decided_on=data["decided_on"],
        decision_item=item,
        actor=actor,
        now=now,
    )


def _decision_remove(decision, data, *, actor, now):
    return services.decision_remove(decision=decision, reason=data["reason"], actor=actor, now=now)


@require_POST
@login_required
def decision_action(request, pk, action):
    user = request.user
    decision = _decision(user, pk)
    if action == "edit":
        form, form_name = DecisionEditForm(request.POST), "edit_form"
        service, done = _decision_update, _("已调整，调整记录和理由将在目录中公开。")
    elif action == "advance":
        form, form_name = AdvanceForm(request.POST), "advance_form"
        service, done = _decision_advance, _("已更新进展。")
    elif action == "remove":
        form, form_name = ReasonForm(request.POST, prefix="remove"), "remove_form"
        service, done = _decision_remove, _("已调出目录。")
    else:
        raise Http404
    now = timezone.now()
    return run_form(
        request,
        form,
        lambda data: service(decision, data, actor=user, now=now),
        done,
        reverse("participation_staff:decision", args=[decision.pk]),
        partial(_decision_page, request, decision, **{form_name: form}),
    )
