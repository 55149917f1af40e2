"""Workbench forms of 回应关切. Forms check what a browser can be told; the services stay the
final judge, and views attach a service's ``DomainError`` to the matching field."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Level, Organization
from gongkai.publishing.choices import Status as ItemStatus
from gongkai.publishing.models import Item

from . import selectors
from .choices import OPEN_STATUSES, EventLevel, ResponseKind, SourceKind
from .models import OpinionEvent, PressConference
from .services import MAX_SPEAKERS, MAX_SUMMARY_CHARS

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def _datetime_field(label, **kwargs):
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("请填写%(label)s。") % {"label": label},
            "invalid": _("%(label)s格式不正确，应为“年-月-日 时:分”。") % {"label": label},
        },
        **kwargs,
    )


def _required(label):
    return {"required": _("请填写%(label)s。") % {"label": label}}


def _choose(label):
    return {
        "required": _("请选择%(label)s。") % {"label": label},
        "invalid_choice": _("%(label)s的选项无效，请重新选择。") % {"label": label},
    }


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _orgs(*levels):
    orgs = Organization.objects.filter(is_active=True).order_by("sort_order", "id")
    return orgs.filter(level__in=levels) if levels else orgs


def _published_item(ref: str) -> Item | None:
    """The published item with index number ``ref``, or else with that id."""
    published = Item.objects.filter(status=ItemStatus.PUBLISHED)
    item = published.filter(index_number=ref).first()
    if item is None and re.fullmatch(r"\d{1,12}", ref):
        item = published.filter(pk=int(ref)).first()
    return item


# ---------------------------------------------------------------- events


class EventForm(forms.Form):
    reported_by = OrgChoiceField(
        label=_("录入单位"),
        queryset=Organization.objects.none(),
        error_messages=_choose("录入单位"),
    )
    title = forms.CharField(
        label=_("舆情标题"), max_length=200, error_messages=_required("舆情标题")
    )
    source_kind = forms.ChoiceField(
        label=_("来源"), choices=[("", "——"), *SourceKind.choices], error_messages=_choose("来源")
    )
    source_detail = forms.CharField(
        label=_("来源链接或说明"),
        max_length=500,
        required=False,
        help_text=_("原帖链接、媒体名称、信访或热线工单号等。"),
    )
    summary = forms.CharField(
        label=_("舆情摘要"),
        max_length=MAX_SUMMARY_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("舆情摘要"),
    )
    level = forms.ChoiceField(
        label=_("舆情级别"),
        choices=[("", "——"), *EventLevel.choices],
        error_messages=_choose("舆情级别"),
    )
    first_seen_at = _datetime_field(_("首次发现时间"))
    place = OrgChoiceField(
        label=_("事发地"),
        queryset=_orgs(Level.DISTRICT, Level.TOWN),
        required=False,
        empty_label=_("全市性事件（不限区县）"),
        error_messages=_choose("事发地"),
        help_text=_("按属地管理确定区县。"),
    )
    subject = OrgChoiceField(
        label=_("主管部门"),
        queryset=_orgs(Level.DEPARTMENT, Level.DISTRICT_DEPARTMENT),
        required=False,
        empty_label=_("未确定"),
        error_messages=_choose("主管部门"),
        help_text=_("谁主管谁负责：舆情所涉事项的主管部门，市级、区县级均可。"),
    )
    responsible = OrgChoiceField(
        label=_("责任单位"),
        queryset=_orgs(),
        required=False,
        empty_label=_("采用系统建议"),
        error_messages=_choose("责任单位"),
        help_text=_(
            "留空则按“属地管理、分级负责、谁主管谁负责”由系统建议；改选其他单位须说明理由。"
        ),
    )
    override_reason = forms.CharField(
        label=_("调整责任单位的理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_public = forms.BooleanField(label=_("在门户公开回应"), required=False)

    def __init__(self, *args, reporters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_by"].queryset = reporters
        only = list(reporters[:2])
        if len(only) == 1:
            self.fields["reported_by"].initial = only[0].pk


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("回应方式"),
        choices=[("", "——"), *ResponseKind.choices],
        error_messages=_choose("回应方式"),
    )
    released_at = _datetime_field(_("发布时间"))
    summary = forms.CharField(
        label=_("回应内容摘要"),
        max_length=MAX_SUMMARY_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("舆情在门户公开时显示。"),
        error_messages=_required("回应内容摘要"),
    )
    item = forms.CharField(
        label=_("关联的公开信息"),
        required=False,
        max_length=60,
        help_text=_("填写已发布信息的索引号或编号（可选）。"),
        widget=forms.TextInput(attrs={"list": "published-items"}),
    )
    press_conference = forms.ModelChoiceField(
        label=_("关联的新闻发布会"),
        queryset=PressConference.objects.none(),
        required=False,
        empty_label=_("无"),
        error_messages=_choose("新闻发布会"),
    )

    def __init__(self, *args, event: OpinionEvent, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["press_conference"].queryset = (
            selectors.staff_conferences(user)
            .filter(Q(event__isnull=True) | Q(event=event))
            .order_by("-held_at")
        )

    def clean_item(self) -> Item | None:
        ref = self.cleaned_data["item"].strip()
        if not ref:
            return None
        item = _published_item(ref)
        if item is None:
            raise forms.ValidationError(_("没有找到这条已发布的信息，请核对索引号或编号。"))
        return item


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), error_messages=_required("理由")
    )


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=_("归档说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("未经评估归档的（如经研判无需回应），须说明理由。"),
    )


class LevelForm(ReasonForm):
    level = forms.ChoiceField(
        label=_("新的级别"), choices=EventLevel.choices, error_messages=_choose("舆情级别")
    )
    field_order = ["level", "reason"]


class ReassignForm(ReasonForm):
    organization = OrgChoiceField(
        label=_("新的责任单位"),
        queryset=_orgs(),
        empty_label=_("请选择"),
        error_messages=_choose("责任单位"),
    )
    field_order = ["organization", "reason"]


class EvaluateForm(forms.Form):
    evaluation = forms.CharField(
        label=_("回应效果评估"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("回应效果评估"),
    )
    accountability = forms.CharField(
        label=_("问责情况"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("回应迟缓、处置不当被问责的，写明对象和方式。"),
    )


# ---------------------------------------------------------------- press conferences


class ConferenceForm(forms.Form):
    organization = OrgChoiceField(
        label=_("发布机构"),
        queryset=Organization.objects.none(),
        error_messages=_choose("发布机构"),
    )
    topic = forms.CharField(
        label=_("发布会主题"), max_length=200, error_messages=_required("发布会主题")
    )
    held_at = _datetime_field(_("举行时间"))
    location = forms.CharField(label=_("地点"), max_length=200, required=False)
    transcript = forms.CharField(
        label=_("发布会实录"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("可使用段落、加粗等简单格式（HTML），脚本和样式会被清除。"),
    )
    media = forms.CharField(
        label=_("出席媒体"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一家。"),
    )
    event = forms.ModelChoiceField(
        label=_("回应的舆情"),
        queryset=OpinionEvent.objects.none(),
        required=False,
        empty_label=_("无"),
        error_messages=_choose("舆情"),
    )
    interpretations = forms.ModelMultipleChoiceField(
        label=_("相关政策解读"),
        queryset=selectors.published_interpretations().none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={"invalid_choice": _("所选政策解读无效或尚未发布。")},
        help_text=_("仅列出已发布的政策解读；按住 Ctrl 可多选。"),
    )
    items = forms.CharField(
        label=_("相关公开信息"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("已发布信息的索引号或编号，每行一个。"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = selectors.scope_organizations(user)
        self.fields["organization"].queryset = orgs
        self.fields["event"].queryset = (
            selectors.staff_events(user).filter(status__in=OPEN_STATUSES).order_by("-first_seen_at")
        )
        self.fields["interpretations"].queryset = (
            selectors.published_interpretations()
            .filter(organization__in=orgs)
            .order_by("-published_at")
        )

    def clean_items(self) -> list[Item]:
        refs = [
            r.strip() for r in re.split(r"[\n,，;；]+", self.cleaned_data["items"]) if r.strip()
        ]
        found = []
        for ref in refs[:50]:
            item = _published_item(ref)
            if item is None:
                raise forms.ValidationError(
                    _("没有找到已发布的信息“%(ref)s”，请核对索引号或编号。") % {"ref": ref[:60]}
                )
            found.append(item)
        return found

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            k: data[k] for k in ("topic", "held_at", "location", "transcript", "media", "event")
        }


class SpeakerForm(forms.Form):
    name = forms.CharField(label=_("发布人姓名"), max_length=40, required=False)
    post = forms.CharField(label=_("职务"), max_length=100, required=False)
    is_principal_leader = forms.BooleanField(label=_("主要负责人"), required=False)


SpeakerFormSet = forms.formset_factory(
    SpeakerForm, extra=2, max_num=MAX_SPEAKERS, validate_max=True, absolute_max=MAX_SPEAKERS
)
