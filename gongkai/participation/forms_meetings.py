"""Forms of 会议公开: the application to attend and its lookup (public), and the workbench's
meeting, agenda, invitee, decision and outcome forms.

As in ``forms``: forms check what a browser can be told; ``gongkai.participation.meetings``
stays the final judge, and views attach its ``DomainError`` to the matching field.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organization

from .choices import AttendeeCategory, MeetingKind, MeetingOpenness, OpenMode
from .forms import CaptchaField, PublicFormMixin, honeypot_field
from .meetings import MAX_CLOSE_HOURS, MAX_NAME_CHARS, MAX_REASON_CHARS
from .models import Consultation, Decision, Meeting

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)
MAX_AGENDA = 30


# ---------------------------------------------------------------- public


class AttendanceForm(PublicFormMixin, forms.Form):
    name = forms.CharField(
        label=_("姓名"),
        max_length=MAX_NAME_CHARS,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("请填写姓名。"),
            "max_length": _("姓名不能超过%(limit_value)d字。"),
        },
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        help_text=_("工作人员通过此电话通知审核结果；查询审核结果时也要用到。不会公开。"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("请填写联系电话，工作人员将通过电话通知审核结果。")},
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        max_length=254,
        help_text=_("选填。填写后审核结果也会发送到这个邮箱。不会公开。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("请填写正确的电子邮箱地址，如 name@example.com。")},
    )
    category = forms.ChoiceField(
        label=_("申请身份"),
        choices=AttendeeCategory.choices,
        initial=AttendeeCategory.PUBLIC,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择申请身份。"),
            "invalid_choice": _("请选择申请身份。"),
        },
    )
    reason = forms.CharField(
        label=_("申请理由"),
        max_length=MAX_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_REASON_CHARS}),
        help_text=_("%(max)s字以内，如与议题的关系、希望了解的内容。") % {"max": MAX_REASON_CHARS},
        error_messages={
            "required": _("请填写申请理由。"),
            "max_length": _("申请理由不能超过%(limit_value)d字。"),
        },
    )
    captcha = CaptchaField()
    website = honeypot_field()
    described = ("phone", "email", "reason")

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "phone": data["phone"],
            "email": data.get("email") or "",
            "category": data["category"],
            "reason": data["reason"],
        }


class LookupForm(PublicFormMixin, forms.Form):
    receipt_code = forms.CharField(
        label=_("回执编号"),
        max_length=40,
        help_text=_("提交申请后页面显示的编号，如 LX20260415-ABC234。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("请填写回执编号。")},
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        help_text=_("申请时填写的联系电话。"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("请填写申请时的联系电话。")},
    )
    described = ("receipt_code", "phone")


# ---------------------------------------------------------------- workbench


class MeetingForm(forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label=_("召开单位"))
    title = forms.CharField(label=_("会议名称"), max_length=200)
    kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    held_at = forms.DateTimeField(
        label=_("召开时间"),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=DATETIME,
        error_messages={"invalid": _("请按“年-月-日 时:分”填写召开时间。")},
    )
    location = forms.CharField(label=_("会议地点"), max_length=200)
    description = forms.CharField(
        label=_("会议说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    openness = forms.ChoiceField(
        label=_("是否公开"),
        choices=MeetingOpenness.choices,
        initial=MeetingOpenness.OPEN,
        widget=forms.RadioSelect,
    )
    closed_reason = forms.CharField(
        label=_("不公开或部分公开的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("不公开或部分公开时必填，将在页面上公开。"),
    )
    open_modes = forms.MultipleChoiceField(
        label=_("公开形式"),
        choices=OpenMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    live_url = forms.URLField(
        label=_("直播网址"),
        required=False,
        assume_scheme="https",
        help_text=_("选择网络直播时填写，可以公告后补充。"),
        error_messages={"invalid": _("请填写正确的网址，如 https://live.example.gov.cn/。")},
    )
    capacity = forms.IntegerField(
        label=_("公众列席名额"),
        min_value=0,
        max_value=1000,
        initial=0,
        help_text=_("为0时不接受公众报名列席。"),
    )
    application_close_hours = forms.IntegerField(
        label=_("报名截止（会前小时数）"),
        min_value=0,
        max_value=MAX_CLOSE_HOURS,
        initial=24,
        help_text=_("公众报名在会议召开前这么多小时截止。"),
    )
    attendance_notes = forms.CharField(
        label=_("列席须知"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如报到时间、需携带的证件、会场纪律。"),
    )
    reason = forms.CharField(
        label=_("变更说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("会议已公告，修改须说明变更内容和原因，将在会议页面上公开。"),
    )

    def __init__(self, *args, organizations=None, meeting: Meeting | None = None, **kwargs):
        if meeting is not None:
            initial = {
                "title": meeting.title,
                "kind": meeting.kind,
                "held_at": timezone.localtime(meeting.held_at),
                "location": meeting.location,
                "description": meeting.description,
                "openness": meeting.openness,
                "closed_reason": meeting.closed_reason,
                "open_modes": list(meeting.open_modes),
                "live_url": meeting.live_url,
                "capacity": meeting.capacity,
                "application_close_hours": meeting.application_close_hours,
                "attendance_notes": meeting.attendance_notes,
            }
            kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if meeting is not None:
            del self.fields["organization"]
            if meeting.is_public:
                self.fields["reason"].required = True
                self.fields["reason"].error_messages["required"] = _(
                    "会议已公告，修改须填写变更说明，将在页面上公开。"
                )
            else:
                del self.fields["reason"]
        else:
            del self.fields["reason"]
            self.fields["organization"].queryset = organizations
            ids = list(organizations.values_list("pk", flat=True))
            if len(ids) == 1:
                self.fields["organization"].initial = ids[0]

    def service_data(self) -> dict:
        fields = [name for name in self.fields if name not in ("organization", "reason")]
        return {name: self.cleaned_data.get(name) for name in fields}


def _decision_label(decision: Decision) -> str:
    return f"{decision.year} {Truncator(decision.title).chars(40)}"


def _consultation_label(consultation: Consultation) -> str:
    return Truncator(consultation.title).chars(44)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("议题"), max_length=200, required=False)
    description = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_public = forms.BooleanField(
        label=_("公开本议题"),
        required=False,
        initial=True,
        help_text=_("部分公开的会议中，不公开的议题请取消勾选。"),
    )
    decision = forms.ModelChoiceField(
        Decision.objects.none(), label=_("关联重大行政决策事项"), required=False
    )
    consultation = forms.ModelChoiceField(
        Consultation.objects.none(), label=_("关联意见征集"), required=False
    )

    def __init__(self, *args, decisions=None, consultations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
        self.fields["decision"].label_from_instance = _decision_label
        self.fields["decision"].empty_label = _("（不关联）")
        self.fields["consultation"].queryset = consultations
        self.fields["consultation"].label_from_instance = _consultation_label
        self.fields["consultation"].empty_label = _("（不关联）")

    def clean(self):
        data = super().clean()
        has_other = data.get("description") or data.get("decision") or data.get("consultation")
        if not (data.get("title") or "").strip() and has_other:
            self.add_error("title", _("请填写议题名称。"))
        if data.get("decision") and data.get("consultation"):
            self.add_error(
                "consultation", _("一个议题只能关联一项重大行政决策事项或一项意见征集。")
            )
        return data


class BaseAgendaFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        self.decisions = (
            Decision.objects.filter(removed_at__isnull=True)
            .select_related("organization")
            .order_by("-year", "organization__sort_order", "id")
        )
        self.consultations = Consultation.objects.filter(published_at__isnull=False).order_by(
            "-published_at", "-id"
        )
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"decisions": self.decisions, "consultations": self.consultations}

    def service_items(self) -> list[dict]:
        """The filled rows, in order; a row whose title was cleared is dropped."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            title = (data.get("title") or "").strip()
            if not title:
                continue
            rows.append(
                {
                    "title": title,
                    "description": data.get("description") or "",
                    "is_public": bool(data.get("is_public")),
                    "decision": data.get("decision"),
                    "consultation": data.get("consultation"),
                }
            )
        return rows


AgendaFormSet = forms.formset_factory(
    AgendaItemForm, formset=BaseAgendaFormSet, extra=0, max_num=MAX_AGENDA, validate_max=True
)


def agenda_formset(data=None, *, meeting: Meeting | None = None, blank_rows: int = 2):
    initial = []
    if meeting is not None:
        initial = [
            {
                "title": item.title,
                "description": item.description,
                "is_public": item.is_public,
                "decision": item.decision_id,
                "consultation": item.consultation_id,
            }
            for item in meeting.items.all()
        ]
    initial += [{"is_public": True}] * blank_rows
    formset = AgendaFormSet(data, initial=None if data is not None else initial, prefix="items")
    return formset


class InviteeForm(forms.Form):
    category = forms.ChoiceField(label=_("类别"), choices=AttendeeCategory.choices)
    name = forms.CharField(
        label=_("姓名或单位"),
        max_length=100,
        error_messages={"required": _("请填写姓名或单位名称。")},
    )
    note = forms.CharField(
        label=_("身份说明"), max_length=200, required=False, help_text=_("如职务、职称。")
    )
    consent = forms.BooleanField(
        label=_("本人同意公开姓名"),
        required=False,
        help_text=_("专家和媒体的姓名一律公开；利益相关方和公众代表同意后才公开，否则只公开人数。"),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("不同意的理由"),
        widget=forms.Textarea(attrs={"rows": 1}),
        error_messages={"required": _("请填写不同意的理由，将告知申请人。")},
    )


ITEM_IDS = re.compile(r"[\s,，、;；]+")


class OutcomeForm(forms.Form):
    text = forms.CharField(
        label=_("议定事项"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写议定事项。")},
    )
    items = forms.CharField(
        label=_("相关公开信息的编号（可选）"),
        required=False,
        max_length=200,
        help_text=_("已公开的会议纪要、政策文件等在工作台“信息管理”中的编号，多个用逗号分隔。"),
    )

    def clean_items(self) -> list[int]:
        raw = (self.cleaned_data.get("items") or "").strip()
        if not raw:
            return []
        ids = []
        for part in ITEM_IDS.split(raw):
            if not part:
                continue
            if not part.isdigit() or len(part) > 12:
                raise ValidationError(_("信息编号应为数字，多个用逗号分隔。"))
            ids.append(int(part))
        return list(dict.fromkeys(ids))
