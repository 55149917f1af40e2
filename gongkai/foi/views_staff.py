"""The openness office's workbench for applications (依申请公开).

Views translate HTTP into calls of ``gongkai.foi.services`` and show their refusals
(``DomainError`` and its kinds) on the application's page with the matching 4xx status.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.audit import audit
from gongkai.core.errors import DomainError, NotAllowed
from gongkai.core.models import AuditEntry
from gongkai.core.staff_views import chosen_organization, int_or_none, run_form, run_service
from gongkai.core.timeutil import local_date
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.permissions import has_role, is_openness_staff, org_ids_with_role
from gongkai.publishing.models import Item
from gongkai.publishing.selectors import published_items
from gongkai.workdays import calendar_warnings

from . import letters, services
from .choices import CONCLUDED_STATUSES, ApplicantKind, LetterKind, RemedyResult, Status
from .clock import EventKind, Party
from .forms_staff import (
    CLOCK_KIND_LABELS,
    AssignForm,
    ClockEntryForm,
    DecideForm,
    DeliverForm,
    FeeForm,
    ReasonForm,
    RegisterForm,
    RemedyAddForm,
    RemedyConcludeForm,
)
from .models import Application, ClockEntry, Letter, Remedy
from .selectors import (
    CLOCK_VIEWS,
    application_rows,
    office_organizations,
    rows_by_clock,
    search_applications,
    staff_applications,
    with_clock_entries,
)
from .validators import mask_id_number, mask_phone

PAGE_SIZE = 30

#: The list's tabs: key, label, and the statuses it shows (None: computed from the clock).
TABS = (
    ("all", gettext_lazy("全部"), ()),
    ("submitted", gettext_lazy("待确认接收"), (Status.SUBMITTED,)),
    ("processing", gettext_lazy("办理中"), (Status.PROCESSING,)),
    ("due_soon", gettext_lazy("即将到期"), None),
    ("overdue", gettext_lazy("已逾期"), None),
    ("paused", gettext_lazy("暂停计时"), None),
    ("pending_approval", gettext_lazy("待审批"), (Status.PENDING_APPROVAL,)),
    ("approved", gettext_lazy("待答复"), (Status.APPROVED,)),
    ("concluded", gettext_lazy("已办结"), CONCLUDED_STATUSES),
)
TAB_STATUSES = {key: statuses for key, _label, statuses in TABS}


def _require_workbench(user) -> None:
    if not is_openness_staff(user):
        raise NotAllowed(_("只有政务公开工作机构的人员可以办理政府信息公开申请。"))


def _visible(user, pk) -> Application:
    """The application if the user's office handles it; 404 otherwise (no hint it exists)."""
    try:
        return staff_applications(user).get(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


# --- list -----------------------------------------------------------------------------------


@login_required
def application_list(request):
    user = request.user
    _require_workbench(user)
    today = local_date(timezone.now())
    tab = request.GET.get("tab", "all")
    if tab not in TAB_STATUSES:
        tab = "all"
    organizations = list(office_organizations(user))
    org = chosen_organization(request, organizations)
    q = request.GET.get("q", "").strip()[:100]

    applications = staff_applications(user)
    if org is not None:
        applications = applications.filter(organization=org)
    applications = search_applications(applications, q)
    if tab in CLOCK_VIEWS:
        page = Paginator(rows_by_clock(applications, today, tab), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        rows = page.object_list
    else:
        if TAB_STATUSES[tab]:
            applications = applications.filter(status__in=TAB_STATUSES[tab])
        page = Paginator(with_clock_entries(applications), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        rows = application_rows(page.object_list, today)
    return render(
        request,
        "foi/staff/list.html",
        {
            "page": page,
            "rows": rows,
            "tabs": [(key, label) for key, label, _statuses in TABS],
            "tab": tab,
            "tab_label": dict((key, label) for key, label, _s in TABS)[tab],
            "organizations": organizations,
            "org": org,
            "q": q,
            "today": today,
            "can_register": bool(org_ids_with_role(user, Role.OPENNESS_OFFICE)),
        },
    )


# --- register -------------------------------------------------------------------------------


@login_required
def application_register(request):
    organizations = Organization.objects.filter(
        pk__in=org_ids_with_role(request.user, Role.OPENNESS_OFFICE)
    ).order_by("sort_order", "id")
    if not organizations.exists():
        raise NotAllowed(_("只有政务公开工作机构的人员可以登记申请。"))
    now = timezone.now()
    initial = {"submitted_on": local_date(now)}
    form = RegisterForm(request.POST or None, organizations=organizations, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                application = services.application_register(
                    organization=data["organization"],
                    data=form.service_data(),
                    channel=data["channel"],
                    submitted_on=data["submitted_on"],
                    signed_on=data["signed_on"],
                    confirmed_on=data["confirmed_on"],
                    actor=request.user,
                    now=now,
                )
            except DomainError as exc:
                form.add_error(form.form_field_for(exc.field), str(exc.message))
                status = exc.status_code
            else:
                messages.success(
                    request,
                    _("已登记申请 %(number)s，查询码 %(code)s（请告知申请人）。")
                    % {"number": application.number, "code": application.tracking_code},
                )
                return redirect("foi_staff:detail", application.pk)
        if status == 200:
            status = 400
    return render(request, "foi/staff/register.html", {"form": form}, status=status)


# --- detail ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    on: date | None  # the legal date of a clock entry
    label: str
    actor: object
    detail: str


ENTRY_LABELS = {
    **CLOCK_KIND_LABELS,
    EventKind.FEE_NOTICE_SENT: gettext_lazy("收费通知"),
    EventKind.REPLIED: gettext_lazy("答复"),
}


def _entry_detail(entry: ClockEntry) -> str:
    parts = []
    if entry.until and entry.kind == EventKind.DEFERRAL_SET:
        parts.append(_("延迟答复至 %(date)s") % {"date": entry.until.isoformat()})
    elif entry.until:
        parts.append(_("补正期限 %(date)s") % {"date": entry.until.isoformat()})
    if entry.days:
        parts.append(_("延长 %(days)s 个工作日") % {"days": entry.days})
    if entry.party:
        parts.append(_("对象：第三方") if entry.party == Party.THIRD_PARTY else _("对象：其他机关"))
    if entry.note:
        parts.append(entry.note)
    return "；".join(parts)


def _timeline(application: Application, entries: list[ClockEntry]) -> list[TimelineEntry]:
    """Clock entries and the audit trail in one list, oldest first. A clock entry's own audit
    row says the same thing and is left out."""
    content_type = ContentType.objects.get_for_model(Application)
    audits = AuditEntry.objects.filter(
        content_type=content_type, object_id=application.pk
    ).select_related("actor")
    timeline = [
        (
            entry.created_at,
            0,
            entry.pk,
            TimelineEntry(
                entry.created_at,
                entry.on,
                str(ENTRY_LABELS.get(entry.kind, entry.kind)),
                entry.created_by,
                _entry_detail(entry),
            ),
        )
        for entry in entries
    ]
    for row in audits:
        if row.action.startswith("foi.clock."):
            continue
        detail = row.reason
        timeline.append(
            (row.at, 1, row.pk, TimelineEntry(row.at, None, row.summary, row.actor, detail))
        )
    timeline.sort(key=lambda t: t[:3])
    return [t[3] for t in timeline]


def _clock_kinds(entries: list[ClockEntry], clock) -> list[EventKind]:
    """The clock entries that make sense now (the service still has the last word)."""
    if clock is None or clock.closed:
        return []
    count = [entry.kind for entry in entries].count
    kinds = []
    supplement_open = count(EventKind.SUPPLEMENT_REQUESTED) and not (
        count(EventKind.SUPPLEMENT_RECEIVED) or count(EventKind.SUPPLEMENT_LAPSED)
    )
    fee_open = count(EventKind.FEE_NOTICE_SENT) and not (
        count(EventKind.FEE_PAID) or count(EventKind.FEE_LAPSED)
    )
    if supplement_open:
        kinds += [EventKind.SUPPLEMENT_RECEIVED, EventKind.SUPPLEMENT_LAPSED]
    elif fee_open:
        kinds += [EventKind.FEE_PAID, EventKind.FEE_LAPSED]
    else:
        deferred = count(EventKind.DEFERRAL_SET)
        if not (count(EventKind.SUPPLEMENT_REQUESTED) or deferred or clock.paused):
            kinds.append(EventKind.SUPPLEMENT_REQUESTED)
        kinds.append(EventKind.CONSULTATION_STARTED)
        if count(EventKind.CONSULTATION_STARTED) > count(EventKind.CONSULTATION_ENDED):
            kinds.append(EventKind.CONSULTATION_ENDED)
        if not count(EventKind.REASONS_REQUESTED):
            kinds.append(EventKind.REASONS_REQUESTED)
        elif not (deferred or clock.paused):
            kinds.append(EventKind.DEFERRAL_SET)
    if not (count(EventKind.EXTENSION_APPROVED) or count(EventKind.DEFERRAL_SET)):
        kinds.append(EventKind.EXTENSION_APPROVED)
    return kinds


def _actions(user, application: Application, entries, clock) -> set[str]:
    """What the page offers this user now."""
    if not has_role(user, application.organization, Role.OPENNESS_OFFICE):
        return set()
    status = application.status
    actions = set()
    if status == Status.SUBMITTED:
        actions.add("confirm")
    if status == Status.PROCESSING:
        actions |= {"assign", "link"}
        if not clock.paused:
            actions.add("decide")
            if not any(e.kind == EventKind.FEE_NOTICE_SENT for e in entries):
                actions.add("fee")
    if status in (Status.PROCESSING, Status.PENDING_APPROVAL) and _clock_kinds(entries, clock):
        actions.add("clock")
    if status == Status.PENDING_APPROVAL:
        actions.add("approve" if application.decided_by_id != user.pk else "approve_other")
    if status in (Status.PENDING_APPROVAL, Status.APPROVED):
        actions.add("send_back")
    if status == Status.APPROVED:
        actions.add("reply")
    if status == Status.REPLIED:
        actions.add("deliver")
    if status in (Status.DELIVERED, Status.CLOSED) and application.archived_at is None:
        actions.add("archive")
    if status != Status.SUBMITTED:
        actions.add("remedy")
    return actions


def _mask_email(value: str) -> str:
    name, at, domain = value.partition("@")
    return f"{name[:1]}***{at}{domain}" if at else value


def _mask_address(value: str) -> str:
    return value[:6] + "****" if len(value) > 6 else value


def _applicant_display(application: Application, reveal: bool) -> dict:
    """The applicant's contact data, masked unless revealed (a reveal is audited)."""
    if reveal:
        return {
            "id_number": application.id_number,
            "phone": application.phone,
            "email": application.email,
            "address": application.address,
        }
    return {
        "id_number": mask_id_number(application.id_number) if application.id_number else "",
        "phone": mask_phone(application.phone) if application.phone else "",
        "email": _mask_email(application.email) if application.email else "",
        "address": _mask_address(application.address) if application.address else "",
    }


def _detail(request, application: Application, *, status: int = 200, **extra):
    user = request.user
    now = timezone.now()
    today = local_date(now)
    application = (
        staff_applications(user)
        .select_related("decided_by", "approved_by")
        .prefetch_related(
            Prefetch(
                "clock_entries",
                queryset=ClockEntry.objects.select_related("created_by").order_by("on", "id"),
            ),
            Prefetch("letters", queryset=Letter.objects.order_by("sent_at", "id")),
            Prefetch("remedies", queryset=Remedy.objects.order_by("filed_on", "id")),
            Prefetch("linked_items", queryset=Item.objects.select_related("organization")),
        )
        .get(pk=application.pk)
    )
    entries = list(application.clock_entries.all())
    clock = services.clock_for(application, today=today)
    actions = _actions(user, application, entries, clock)
    reveal = extra.pop("reveal", False)
    context = {
        "application": application,
        "clock": clock,
        "days_left": None
        if clock is None or clock.working_days_left is None
        else int(clock.working_days_left),
        "entries": entries,
        "timeline": _timeline(application, entries),
        "actions": actions,
        "today": today,
        "reveal": reveal,
        "applicant": _applicant_display(application, reveal),
        "is_natural": application.applicant_kind == ApplicantKind.NATURAL,
        "calendar_warnings": calendar_warnings(today),
        "letters": list(application.letters.all()),
        "remedies": list(application.remedies.all()),
        "linked_items": list(application.linked_items.all()),
        "remedy_pending": RemedyResult.PENDING,
    }
    if "assign" in actions:
        context["assign_form"] = AssignForm(
            organization=application.organization,
            initial={"handler": application.handler_id},
        )
    if "clock" in actions:
        context["clock_form"] = ClockEntryForm(
            kinds=_clock_kinds(entries, clock), initial={"on": today}
        )
    if "fee" in actions:
        context["fee_form"] = FeeForm()
    if "decide" in actions:
        context["decide_form"] = DecideForm(
            initial={
                "outcome": application.outcome,
                "reasons": application.reasons,
                "processing_summary": application.processing_summary,
            }
        )
    if "send_back" in actions:
        context["reason_form"] = ReasonForm()
    if "deliver" in actions:
        context["deliver_form"] = DeliverForm()
    if "remedy" in actions:
        context["remedy_form"] = RemedyAddForm()
        conclude_forms = {
            r.pk: RemedyConcludeForm(prefix=f"r{r.pk}", initial={"concluded_on": today})
            for r in context["remedies"]
            if r.result == RemedyResult.PENDING
        }
        conclude_forms.update(extra.pop("conclude_forms", {}))
        context["conclude_forms"] = conclude_forms
    if "reply" in actions:
        title, body = letters.render_letter(application, LetterKind.REPLY, today=today)
        context["reply_preview"] = {"title": title, "body": body}
    if "link" in actions:
        item_q = request.GET.get("item_q", "").strip()[:100]
        context["item_q"] = item_q
        if item_q:
            context["item_results"] = list(
                published_items()
                .filter(Q(title__icontains=item_q) | Q(document_number__icontains=item_q))
                .exclude(pk__in=[i.pk for i in context["linked_items"]])[:20]
            )
    extra.pop("conclude_forms", None)
    context.update(extra)
    context["remedy_rows"] = [
        (r, context.get("conclude_forms", {}).get(r.pk)) for r in context["remedies"]
    ]
    return render(request, "foi/staff/detail.html", context, status=status)


@login_required
def application_detail(request, pk):
    return _detail(request, _visible(request.user, pk))


@require_POST
@login_required
def application_reveal(request, pk):
    """Show the applicant's full contact data on this page view, and record who looked."""
    application = _visible(request.user, pk)
    audit(
        subject=application,
        action="foi.reveal",
        actor=request.user,
        at=timezone.now(),
        summary=_("查看申请人完整信息"),
    )
    return _detail(request, application, reveal=True)


# --- actions --------------------------------------------------------------------------------


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return _("请按提示修改后再提交。")


def _form_page(request, application, form_key, form, *, status=400, error=None):
    """The application's page again for a posted form that is invalid or was refused: the
    (first) problem shows above the page as well as on the form."""
    error = error or _first_error(form)
    return _detail(request, application, status=status, error=error, **{form_key: form})


#: Actions that post nothing but the click: the service, and what to say once it is done.
PLAIN_ACTIONS = {
    "confirm": (
        services.application_confirm,
        gettext_lazy("已确认收到申请，答复期限自次日起计算。"),
    ),
    "approve": (services.application_approve, gettext_lazy("已审批同意，可以发出答复书。")),
    "reply": (services.application_reply, gettext_lazy("已发出答复书。")),
    "archive": (services.application_archive, gettext_lazy("已归档。")),
}

#: Actions that post one form whose cleaned data are the service's keyword arguments: the
#: form, its name on the page, the service, and what to say once it is done.
FORM_ACTIONS = {
    "decide": (
        DecideForm,
        "decide_form",
        services.application_decide,
        gettext_lazy("已提交拟办结果，请由本机构其他人员审批。"),
    ),
    "send_back": (
        ReasonForm,
        "reason_form",
        services.application_send_back,
        gettext_lazy("已退回重新办理。"),
    ),
    "deliver": (
        DeliverForm,
        "deliver_form",
        services.application_deliver,
        gettext_lazy("已登记送达。"),
    ),
    "remedy": (
        RemedyAddForm,
        "remedy_form",
        services.remedy_add,
        gettext_lazy("已登记行政复议/诉讼。"),
    ),
}


@require_POST
@login_required
def application_action(request, pk, action):
    application = _visible(request.user, pk)
    user, now, post = request.user, timezone.now(), request.POST
    url = reverse("foi_staff:detail", args=[application.pk])

    if action in PLAIN_ACTIONS:
        service, done_message = PLAIN_ACTIONS[action]
        return run_service(
            request,
            lambda: service(application=application, actor=user, now=now),
            str(done_message),
            url,
            partial(_detail, request, application),
        )
    if action in FORM_ACTIONS:
        form_class, form_key, service, done_message = FORM_ACTIONS[action]
        form = form_class(post)
        return run_form(
            request,
            form,
            lambda data: service(application=application, actor=user, now=now, **data),
            str(done_message),
            url,
            partial(_form_page, request, application, form_key, form),
        )
    if action == "assign":
        form = AssignForm(post, organization=application.organization)
        return run_form(
            request,
            form,
            lambda data: services.application_assign(
                application=application, handler=data["handler"], actor=user, now=now
            ),
            _("已分配承办人。"),
            url,
            partial(_form_page, request, application, "assign_form", form),
        )
    if action == "link":
        ids = [int_or_none(v) for v in post.getlist("items")]
        if None in ids:
            return _detail(request, application, status=400, error=_("请选择要关联的信息。"))
        items = list(Item.objects.filter(pk__in=ids))
        if len(items) != len(set(ids)):
            return _detail(request, application, status=400, error=_("只能关联已发布的政府信息。"))
        return run_service(
            request,
            lambda: services.application_link_items(
                application=application, items=items, actor=user, now=now
            ),
            _("已更新关联的已主动公开信息。"),
            url,
            partial(_detail, request, application),
        )
    if action == "clock":
        today = local_date(now)
        entries = list(application.clock_entries.all())
        kinds = _clock_kinds(entries, services.clock_for(application, today=today))
        form = ClockEntryForm(post, kinds=kinds)
        if not form.is_valid():
            return _form_page(request, application, "clock_form", form)
        data = form.service_data()
        return run_service(
            request,
            lambda: services.clock_entry_add(application=application, actor=user, now=now, **data),
            _("已登记：%(kind)s。") % {"kind": CLOCK_KIND_LABELS[data["kind"]]},
            url,
            partial(_form_page, request, application, "clock_form", form),
            form=form,
        )
    if action == "fee":
        if application.status != Status.PROCESSING:
            # The quote needs the receipt date, and fee_notice_send checks the status only
            # after quoting: refuse here with the service's own wording.
            return _detail(
                request,
                application,
                status=409,
                error=_("申请当前状态为“%(status)s”，不能进行此操作。")
                % {"status": application.get_status_display()},
            )
        form = FeeForm(post)
        if not form.is_valid():
            return _form_page(request, application, "fee_form", form)
        method, pages = form.cleaned_data["method"], form.cleaned_data["pages"]
        if "preview" in post:
            try:
                quote = services.fee_quote(application, method=method, pages=pages)
            except (ValueError, DomainError) as exc:
                form.add_error("pages", str(exc))
                return _form_page(request, application, "fee_form", form)
            return _detail(request, application, fee_form=form, fee_quote=quote)
        return run_service(
            request,
            lambda: services.fee_notice_send(
                application=application, method=method, pages=pages, actor=user, now=now
            ),
            _("已发出收费通知，等待申请人缴费期间答复期限暂停计算。"),
            url,
            partial(_form_page, request, application, "fee_form", form),
            form=form,
        )
    raise Http404


@require_POST
@login_required
def remedy_conclude(request, pk, remedy_pk):
    application = _visible(request.user, pk)
    try:
        remedy = application.remedies.get(pk=remedy_pk)
    except Remedy.DoesNotExist:
        raise Http404 from None
    form = RemedyConcludeForm(request.POST, prefix=f"r{remedy.pk}")
    return run_form(
        request,
        form,
        lambda data: services.remedy_conclude(
            remedy=remedy, actor=request.user, now=timezone.now(), **data
        ),
        _("已登记审结结果。"),
        reverse("foi_staff:detail", args=[application.pk]),
        lambda status, error: _detail(
            request,
            application,
            status=status,
            error=error or _first_error(form),
            conclude_forms={remedy.pk: form},
        ),
    )


# --- letters --------------------------------------------------------------------------------

LETTER_FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
def letter_download(request, pk, fmt):
    if fmt not in LETTER_FORMATS:
        raise Http404
    try:
        letter = Letter.objects.select_related("application__organization").get(
            pk=pk, application__in=staff_applications(request.user)
        )
    except Letter.DoesNotExist:
        raise Http404 from None
    content = letters.to_docx(letter) if fmt == "docx" else letters.to_pdf(letter)
    # A letter carries the applicant's name and address: record who took a copy.
    audit(
        subject=letter.application,
        action="foi.letter_export",
        actor=request.user,
        at=timezone.now(),
        summary=_("下载%(title)s（%(format)s）") % {"title": letter.title, "format": fmt.upper()},
        data={"letter": letter.pk},
    )
    filename = f"{letter.application.number} {letter.title}.{fmt}"
    return HttpResponse(
        content,
        content_type=LETTER_FORMATS[fmt],
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
