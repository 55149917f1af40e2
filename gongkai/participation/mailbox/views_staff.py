"""The workbench of the mailbox: the list with its clocks and three-month warnings, a message's
page with its actions, the FAQ curation and the monthly statistics.

Views translate HTTP into calls of ``services`` and show their refusals (``DomainError`` and
its kinds) on the page with the matching 4xx status.
"""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core.errors import NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.core.staff_views import chosen_organization, int_or_none, run_form, run_service
from gongkai.core.timeutil import local_date
from gongkai.orgs.permissions import is_openness_staff
from gongkai.workdays import calendar_warnings

from . import selectors, services
from .choices import Kind, Status
from .forms import (
    AcceptForm,
    AssignForm,
    DeclineForm,
    FaqForm,
    PublicationForm,
    ReplyForm,
    TransferForm,
)
from .models import FaqEntry, Message

PAGE_SIZE = 30


def _require_workbench(user) -> None:
    if not is_openness_staff(user):
        raise NotAllowed(_("只有政务公开工作机构的人员可以办理信箱留言。"))


def _visible(user, pk) -> Message:
    """The message if the user handles it; 404 otherwise (no hint it exists)."""
    message = selectors.staff_messages(user).filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


# --- list -------------------------------------------------------------------------------------


@login_required
def message_list(request):
    user = request.user
    _require_workbench(user)
    today = local_date(timezone.now())
    limit = selectors.limits()
    tab = request.GET.get("tab", "open")
    if tab not in selectors.TAB_KEYS:
        tab = "open"
    organizations = list(selectors.staff_organizations(user))
    org = chosen_organization(request, organizations)
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = ""
    q = request.GET.get("q", "").strip()[:100]

    messages = selectors.staff_messages(user)
    counts = selectors.counts_for(messages, today, limit)
    if org is not None:
        messages = messages.filter(organization=org)
    if kind:
        messages = messages.filter(kind=kind)
    if q:
        code = services.normalize_tracking_code(q)
        messages = messages.filter(Q(number=q) | Q(tracking_code=code) | Q(subject__icontains=q))
    selected = selectors.tab_messages(messages, tab, today, limit)
    page = Paginator(selected, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = (
        list(page.object_list)
        if isinstance(selected, list)
        else selectors.rows_for(page.object_list, today, limit)
    )
    return render(
        request,
        "mailbox/staff/list.html",
        {
            "tabs": selectors.TABS,
            "tab": tab,
            "tab_label": dict(selectors.TABS)[tab],
            "page": page,
            "rows": rows,
            "counts": counts,
            "limits": limit,
            "organizations": organizations,
            "org": org,
            "kinds": Kind.choices,
            "kind": kind,
            "q": q,
            "calendar_warnings": calendar_warnings(today),
        },
    )


# --- one message ------------------------------------------------------------------------------


def _actions(user, message: Message) -> set[str]:
    if not services.can_handle(user, message):
        return set()
    actions = set()
    if message.status == Status.PENDING:
        actions |= {"accept", "transfer", "reply", "decline"}
    elif message.status == Status.PROCESSING:
        actions |= {"assign", "transfer", "reply", "decline"}
    elif message.status == Status.REPLIED:
        if message.may_publish:
            actions.add("unpublish")
        elif message.consent_publish:
            actions.add("publish")
        if not FaqEntry.objects.filter(source_message=message).exists():
            actions.add("faq")
    return actions


def _detail(request, message: Message, *, status=200, error="", **bound):
    user = request.user
    today = local_date(timezone.now())
    actions = _actions(user, message)
    handlers = selectors.handler_choices(message)
    forms = {
        "accept_form": AcceptForm(handlers=handlers),
        "assign_form": AssignForm(handlers=handlers, initial={"handler": message.handler_id}),
        "transfer_form": TransferForm(targets=selectors.transfer_targets(message)),
        "reply_form": ReplyForm(),
        "decline_form": DeclineForm(),
        "publication_form": PublicationForm(initial=services.publication_proposal(message))
        if "publish" in actions
        else None,
    }
    forms.update(bound)
    audit_entries = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Message), object_id=message.pk
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    context = {
        "message": message,
        "clock": selectors.clock_of(message, today, selectors.limits()),
        "actions": actions,
        "error": error,
        "transfers": message.transfers.select_related("from_organization", "to_organization", "by"),
        "audit_entries": audit_entries,
        "faq_entry": FaqEntry.objects.filter(source_message=message).first(),
        "calendar_warnings": calendar_warnings(today),
        **forms,
    }
    return render(request, "mailbox/staff/detail.html", context, status=status)


@login_required
def message_detail(request, pk):
    _require_workbench(request.user)
    return _detail(request, _visible(request.user, pk))


def _form_page(request, message, form_key, form, *, status, error):
    """The message's page again for a posted form: invalid, or refused by the service. A
    refusal that names a field of the form shows at that field alone."""
    if error is None:
        error = _("提交未成功，请修改下面标出的内容。")
    elif not form.non_field_errors():
        error = ""
    return _detail(request, message, status=status, error=error, **{form_key: form})


def _reply(*, message, reply, actor, now):
    return services.message_reply(message=message, text=reply, actor=actor, now=now)


def _after_transfer(user, message) -> str:
    """The message may now be out of the user's reach: back to the list if so."""
    if selectors.staff_messages(user).filter(pk=message.pk).exists():
        return reverse("mailbox_staff:detail", args=[message.pk])
    return reverse("mailbox_staff:list")


@require_POST
@login_required
def message_action(request, pk, action):
    message = _visible(request.user, pk)
    user, now, post = request.user, timezone.now(), request.POST
    handlers = selectors.handler_choices(message)
    url = reverse("mailbox_staff:detail", args=[message.pk])

    if action == "unpublish":
        unpublish = partial(
            services.message_publication_set, message=message, publish=False, actor=user, now=now
        )
        return run_service(
            request, unpublish, _("已撤回公开。"), url, partial(_detail, request, message)
        )
    if action == "faq":
        return run_service(
            request,
            lambda: services.faq_create_from_message(message=message, actor=user, now=now),
            _("已加入知识库，请核对问题和解答。"),
            lambda entry: reverse("mailbox_staff:faq_edit", args=[entry.pk]),
            partial(_detail, request, message),
        )
    if action == "transfer":
        form = TransferForm(post, targets=selectors.transfer_targets(message))
        page = partial(_form_page, request, message, "transfer_form", form)
        if not form.is_valid():
            return page(status=400, error=None)
        target = form.cleaned_data["to_organization"]
        return run_service(
            request,
            lambda: services.message_transfer(
                message=message,
                to_organization=target,
                reason=form.cleaned_data["reason"],
                actor=user,
                now=now,
            ),
            _("已转办至%(org)s。") % {"org": target.name},
            lambda _transfer: _after_transfer(user, message),
            page,
            form=form,
        )

    # The other actions post a form whose fields are the service's own arguments.
    if action == "accept":
        form, form_key = AcceptForm(post, handlers=handlers), "accept_form"
        service, done = services.message_accept, _("已受理。")
    elif action == "assign":
        form, form_key = AssignForm(post, handlers=handlers), "assign_form"
        service, done = services.message_assign, _("已指定承办人。")
    elif action == "reply":
        form, form_key = ReplyForm(post), "reply_form"
        service, done = _reply, _("已答复。写信人可以凭查询码查看答复并评价。")
    elif action == "decline":
        form, form_key = DeclineForm(post), "decline_form"
        service, done = services.message_decline, _("已不予受理，理由将告知写信人。")
    elif action == "publish":
        form, form_key = PublicationForm(post), "publication_form"
        service = partial(services.message_publication_set, publish=True)
        done = _("已公开，留言和答复的公开版本已在“公开答复”栏目显示。")
    else:
        raise Http404
    return run_form(
        request,
        form,
        lambda data: service(message=message, actor=user, now=now, **data),
        done,
        url,
        partial(_form_page, request, message, form_key, form),
    )


# --- statistics -------------------------------------------------------------------------------


@login_required
def statistics(request):
    user = request.user
    _require_workbench(user)
    today = local_date(timezone.now())
    year = int_or_none(request.GET.get("year")) or today.year
    if not 2000 <= year <= today.year + 1:
        year = today.year
    organizations = list(selectors.staff_organizations(user))
    org = chosen_organization(request, organizations)
    messages = selectors.staff_messages(user)
    if org is not None:
        messages = messages.filter(organization=org)
    months, total = selectors.monthly_statistics(messages, year)
    return render(
        request,
        "mailbox/staff/stats.html",
        {
            "year": year,
            "years": list(range(today.year, today.year - 6, -1)),
            "months": months,
            "total": total,
            "by_organization": selectors.organization_statistics(messages, year)
            if org is None and len(organizations) != 1
            else [],
            "organizations": organizations,
            "org": org,
        },
    )


# --- FAQ curation -----------------------------------------------------------------------------


@login_required
def faq_list(request):
    user = request.user
    _require_workbench(user)
    entries = selectors.staff_faq(user)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        entries = entries.filter(Q(question__icontains=q) | Q(answer__icontains=q))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "mailbox/staff/faq_list.html", {"page": page, "q": q})


def _faq_entry(user, pk) -> FaqEntry:
    entry = selectors.staff_faq(user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


@require_http_methods(["GET", "POST"])
@login_required
def faq_edit(request, pk=None):
    user = request.user
    _require_workbench(user)
    entry = _faq_entry(user, pk) if pk is not None else None
    organizations = selectors.staff_organizations(user).filter(is_active=True)
    if request.method == "GET":
        initial = (
            {
                "organization": entry.organization_id,
                "topic": entry.topic,
                "question": entry.question,
                "answer": entry.answer,
            }
            if entry
            else {}
        )
        form = FaqForm(initial=initial, organizations=organizations)
        return _faq_page(request, entry, form)
    form = FaqForm(request.POST, organizations=organizations)
    return run_form(
        request,
        form,
        lambda data: services.faq_save(
            entry=entry,
            organization=data["organization"],
            question=data["question"],
            answer=data["answer"],
            topic=data["topic"],
            actor=user,
            now=timezone.now(),
        ),
        _("已保存。"),
        lambda saved: reverse("mailbox_staff:faq_edit", args=[saved.pk]),
        # A refusal shows on the form alone.
        lambda status, error: _faq_page(request, entry, form, status=status),
    )


def _faq_page(request, entry, form, *, status=200, error=""):
    return render(
        request,
        "mailbox/staff/faq_edit.html",
        {"entry": entry, "form": form, "error": error},
        status=status,
    )


@require_POST
@login_required
def faq_action(request, pk, action):
    user = request.user
    _require_workbench(user)
    entry = _faq_entry(user, pk)
    if action not in ("publish", "unpublish"):
        raise Http404
    form = FaqForm(
        initial={
            "organization": entry.organization_id,
            "topic": entry.topic,
            "question": entry.question,
            "answer": entry.answer,
        },
        organizations=selectors.staff_organizations(user),
    )
    return run_service(
        request,
        lambda: services.faq_publish(
            entry=entry, publish=action == "publish", actor=user, now=timezone.now()
        ),
        _("已发布到常见问题。") if action == "publish" else _("已取消发布。"),
        reverse("mailbox_staff:faq_edit", args=[entry.pk]),
        partial(_faq_page, request, entry, form),
    )
