"""Forms of the openness office's workbench. They check types and what the page offers; the
rules (Art. 29–33, the clock, the four-eyes approval) stay in ``gongkai.foi.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Role
from gongkai.orgs.selectors import staff_of

from .choices import (
    LAPSE_OUTCOMES,
    OUTCOME_ROWS,
    Channel,
    Outcome,
    RemedyKind,
    RemedyResult,
)
from .clock import MAX_EXTENSION_DAYS, EventKind, Party
from .fees import FeeMethod
from .forms_public import HONEYPOT, ORGANIZATION_FIELDS, PERSON_FIELDS, ApplicationForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OFFLINE_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


PLEASE_CHOOSE = _("请选择")
DATE_ERRORS = {"required": _("请填写日期。"), "invalid": _("请填写正确的日期。")}


def _blank(choices):
    return [("", PLEASE_CHOOSE), *choices]


class RegisterForm(ApplicationForm):
    """An application that came in person, by post, fax or e-mail: the public form's applicant
    and request fields (and checks), plus how and when it was received (Art. 31)."""

    channel = forms.ChoiceField(
        label=_("申请方式"),
        choices=_blank(OFFLINE_CHANNELS),
        error_messages={
            "required": _("请选择申请方式。"),
            "invalid_choice": _("请选择线下申请方式：网上申请由申请人在网站提交。"),
        },
    )
    submitted_on = forms.DateField(
        label=_("提交日期"),
        widget=DATE,
        help_text=_(
            "当面提交的，以提交之日为收到申请之日；平常信函等无需签收的，收到当日与申请人确认，"
            "该日为收到申请之日（条例第三十一条）。"
        ),
        error_messages={"required": _("请填写提交日期。"), "invalid": _("请填写正确的日期。")},
    )
    signed_on = forms.DateField(
        label=_("签收日期（信函）"),
        widget=DATE,
        required=False,
        help_text=_("以邮寄方式提交的，以本机关签收之日为收到申请之日（条例第三十一条第二项）。"),
        error_messages={"invalid": _("请填写正确的日期。")},
    )
    confirmed_on = forms.DateField(
        label=_("双方确认日期（传真、电子邮件）"),
        widget=DATE,
        required=False,
        help_text=_(
            "通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日"
            "（条例第三十一条第三项）。"
        ),
        error_messages={"invalid": _("请填写正确的日期。")},
    )

    FIELDSETS = (
        (_("收到申请"), ("organization", "channel", "submitted_on", "signed_on", "confirmed_on")),
        (_("申请人"), ("applicant_kind",)),
        (_("自然人填写"), PERSON_FIELDS),
        (_("法人或者其他组织填写"), ORGANIZATION_FIELDS),
        (_("联系方式"), ("phone", "email", "address", "postcode")),
        (
            _("所需政府信息"),
            ("title_hint", "document_number_hint", "description", "provision_form", "delivery"),
        ),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff register for their own office's organizations, not any active one.
        self.fields["organization"] = forms.ModelChoiceField(
            organizations,
            label=_("受理机关"),
            empty_label=None,
            error_messages={"invalid_choice": _("请从列表中选择受理机关。")},
        )
        del self.fields[HONEYPOT]

    def fieldsets(self):
        for legend, names in self.FIELDSETS:
            yield legend, [self[name] for name in names]


class AssignForm(forms.Form):
    prefix = "assign"

    handler = forms.ModelChoiceField(
        None,
        label=_("承办人"),
        empty_label=_("请选择"),
        error_messages={
            "required": _("请选择承办人。"),
            "invalid_choice": _("承办人须为本机关政务公开工作机构人员。"),
        },
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        users = staff_of(organization, Role.OPENNESS_OFFICE).order_by("username")
        self.fields["handler"].queryset = users
        self.fields["handler"].label_from_instance = lambda u: u.get_full_name() or u.username


#: The clock events staff record by hand; a fee notice goes through ``FeeForm`` and a reply
#: through the reply letter.
CLOCK_KIND_LABELS = {
    EventKind.SUPPLEMENT_REQUESTED: _("补正告知"),
    EventKind.SUPPLEMENT_RECEIVED: _("收到补正"),
    EventKind.SUPPLEMENT_LAPSED: _("逾期未补正（视为放弃）"),
    EventKind.CONSULTATION_STARTED: _("征求意见"),
    EventKind.CONSULTATION_ENDED: _("征求意见结束"),
    EventKind.EXTENSION_APPROVED: _("延期答复"),
    EventKind.FEE_PAID: _("缴费"),
    EventKind.FEE_LAPSED: _("逾期未缴费（视为放弃）"),
    EventKind.REASONS_REQUESTED: _("要求说明理由（数量、频次明显超过合理范围）"),
    EventKind.DEFERRAL_SET: _("确定延迟答复期限（理由合理）"),
}
PARTY_CHOICES = [(Party.THIRD_PARTY.value, _("第三方")), (Party.AGENCY.value, _("其他机关"))]


class ClockEntryForm(forms.Form):
    prefix = "clock"

    kind = forms.ChoiceField(
        label=_("事项"),
        error_messages={
            "required": _("请选择事项。"),
            "invalid_choice": _("该事项目前不能登记。"),
        },
    )
    on = forms.DateField(label=_("日期"), widget=DATE, error_messages=DATE_ERRORS)
    until = forms.DateField(
        label=_("补正期限"),
        widget=DATE,
        required=False,
        error_messages=DATE_ERRORS,
        help_text=_("补正告知须一次性告知需要补正的事项和合理的补正期限（条例第三十条）。"),
    )
    party = forms.ChoiceField(
        label=_("征求意见对象"), choices=_blank(PARTY_CHOICES), required=False
    )
    days = forms.IntegerField(
        label=_("延长工作日数"),
        required=False,
        min_value=1,
        max_value=MAX_EXTENSION_DAYS,
        help_text=_("延长的期限最长不得超过20个工作日，只能延长一次（条例第三十三条）。"),
        error_messages={
            "min_value": _("延长的期限至少为1个工作日。"),
            "max_value": _("延长的期限最长不超过20个工作日（条例第三十三条）。"),
        },
    )
    deferred_until = forms.DateField(
        label=_("延迟答复期限"),
        widget=DATE,
        required=False,
        error_messages=DATE_ERRORS,
        help_text=_(
            "申请人说明的理由合理，但无法在条例第三十三条规定的期限内答复的，确定延迟答复的合理"
            "期限并告知申请人（条例第三十五条）。应为现行答复期限之后的工作日，只能确定一次。"
        ),
    )
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    #: The date field that holds the service's ``until`` for each kind that has one.
    UNTIL_FIELDS = {
        EventKind.SUPPLEMENT_REQUESTED: "until",
        EventKind.DEFERRAL_SET: "deferred_until",
    }

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank([(k.value, CLOCK_KIND_LABELS[k]) for k in kinds])

    def service_data(self) -> dict:
        """``clock_entry_add``'s arguments: only the fields the chosen kind uses."""
        data = self.cleaned_data
        kind = EventKind(data["kind"])
        until_field = self.UNTIL_FIELDS.get(kind)
        return {
            "kind": kind,
            "on": data["on"],
            "days": data["days"] if kind == EventKind.EXTENSION_APPROVED else None,
            "until": data[until_field] if until_field else None,
            "party": data["party"]
            if kind in (EventKind.CONSULTATION_STARTED, EventKind.CONSULTATION_ENDED)
            else "",
            "note": data["note"],
        }

    def form_field_for(self, service_field: str | None) -> str | None:
        """This form's field for a ``DomainError.field`` of the service (None: the whole form)."""
        if service_field == "until":
            return self.UNTIL_FIELDS.get(self.cleaned_data.get("kind"))
        return service_field if service_field in self.fields else None

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == EventKind.SUPPLEMENT_REQUESTED and not data.get("until"):
            self.add_error("until", _("请填写补正期限。"))
        if (
            kind == EventKind.DEFERRAL_SET
            and not data.get("deferred_until")
            and "deferred_until" not in self.errors
        ):
            self.add_error("deferred_until", _("请填写延迟答复的期限。"))
        if (
            kind == EventKind.EXTENSION_APPROVED
            and data.get("days") is None
            and "days" not in self.errors
        ):
            self.add_error("days", _("请填写延长的工作日数。"))
        if kind == EventKind.CONSULTATION_STARTED and not data.get("party"):
            self.add_error("party", _("请选择征求意见的对象：第三方或其他机关。"))
        return data


class FeeForm(forms.Form):
    prefix = "fee"

    method = forms.ChoiceField(
        label=_("计收方式"),
        choices=FeeMethod.choices,
        error_messages={"required": _("请选择计收方式。"), "invalid_choice": _("请选择计收方式。")},
    )
    pages = forms.IntegerField(
        label=_("页数"),
        required=False,
        min_value=1,
        help_text=_("按量计收时填写提供信息的页数。"),
        error_messages={"min_value": _("页数至少为1。")},
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("method") == FeeMethod.BY_PAGE
            and not data.get("pages")
            and "pages" not in self.errors
        ):
            self.add_error("pages", _("按量计收请填写页数。"))
        return data


def outcome_choices():
    """Table 三's groups as optgroups; the lapse outcomes are set by their clock entries."""
    groups = []
    for row_label, members in OUTCOME_ROWS:
        # "（三）不予公开" → "不予公开"; "（二）部分公开（区分处理的，…）" → "部分公开"
        group = row_label.split("）", 1)[-1].split("（", 1)[0]
        options = [
            (outcome.value, Outcome(outcome).label.split("：", 1)[-1])
            for _sub, outcome in members
            if outcome not in LAPSE_OUTCOMES
        ]
        groups.append((group, options))
    return [("", _("请选择")), *groups]


class DecideForm(forms.Form):
    prefix = "decide"

    outcome = forms.ChoiceField(
        label=_("办理结果"),
        error_messages={"required": _("请选择办理结果。"), "invalid_choice": _("请选择办理结果。")},
        help_text=_(
            "按政府信息公开工作年度报告表三的分类选择。逾期不补正、逾期未缴费由登记相应时限事项"
            "自动办结。"
        ),
    )
    reasons = forms.CharField(
        label=_("理由及依据"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("部分公开、不予公开、无法提供、不予处理等须写明理由及法律依据。"),
    )
    processing_summary = forms.CharField(
        label=_("办理情况"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("提供的信息或者获取方式、检索情况等。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcome_choices()


class ReasonForm(forms.Form):
    prefix = "back"

    reason = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写退回理由。")},
    )


class DeliverForm(forms.Form):
    prefix = "deliver"

    note = forms.CharField(
        label=_("送达情况"),
        max_length=200,
        help_text=_("例如：2025年3月10日邮寄送达，EMS单号……；或电子邮件发送。"),
        error_messages={"required": _("请填写送达方式和情况。")},
    )


class RemedyAddForm(forms.Form):
    prefix = "remedy"

    kind = forms.ChoiceField(
        label=_("类型"),
        choices=_blank(RemedyKind.choices),
        error_messages={"required": _("请选择类型。"), "invalid_choice": _("请选择类型。")},
    )
    filed_on = forms.DateField(label=_("立案/受理日期"), widget=DATE, error_messages=DATE_ERRORS)
    body = forms.CharField(label=_("复议机关/审理法院"), max_length=100, required=False)
    note = forms.CharField(
        label=_("备注"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RemedyConcludeForm(forms.Form):
    result = forms.ChoiceField(
        label=_("审结结果"),
        choices=_blank([c for c in RemedyResult.choices if c[0] != RemedyResult.PENDING]),
        error_messages={"required": _("请选择审结结果。"), "invalid_choice": _("请选择审结结果。")},
    )
    concluded_on = forms.DateField(label=_("审结日期"), widget=DATE, error_messages=DATE_ERRORS)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)
