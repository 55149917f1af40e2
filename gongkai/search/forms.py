"""The search form: every field optional, every error a clear Chinese message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organization
from gongkai.publishing.choices import InfoType, Validity
from gongkai.publishing.models import Topic

from . import MAX_QUERY_LENGTH, SearchQuery

SORT_CHOICES = [("relevance", _("相关度")), ("date", _("发布日期"))]
DATE_ERROR = _("请输入有效的日期，格式如 2024-01-31。")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("检索词"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "检索词最多 %(limit_value)d 个字（现有 %(show_value)d 个），请缩短后再检索。"
            )
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    org = forms.TypedChoiceField(label=_("发布机构"), required=False, coerce=int, empty_value=None)
    info_type = forms.ChoiceField(
        label=_("信息类别"), required=False, choices=[("", _("全部类别")), *InfoType.choices]
    )
    topic = forms.TypedChoiceField(
        label=_("主题分类"), required=False, coerce=int, empty_value=None
    )
    date_from = forms.DateField(
        label=_("发布日期从"),
        required=False,
        error_messages={"invalid": DATE_ERROR},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("至"),
        required=False,
        error_messages={"invalid": DATE_ERROR},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    validity = forms.ChoiceField(
        label=_("有效性"), required=False, choices=[("", _("不限")), *Validity.choices]
    )
    sort = forms.ChoiceField(
        label=_("排序"), required=False, choices=SORT_CHOICES, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        invalid = _("所选%(field)s不存在，请重新选择。")
        orgs = Organization.objects.filter(is_active=True).order_by("sort_order", "id")
        self.fields["org"].choices = [("", _("全部机构"))] + [(o.pk, o.name) for o in orgs]
        topics = Topic.objects.select_related("parent").order_by("parent_id", "sort_order", "id")
        groups: dict = {}
        for topic in topics:
            if topic.parent_id is None:
                groups.setdefault(
                    topic.pk, [topic.name, [(topic.pk, _("%s（全部）") % topic.name)]]
                )
        for topic in topics:
            if topic.parent_id in groups:
                groups[topic.parent_id][1].append((topic.pk, topic.name))
        self.fields["topic"].choices = [("", _("全部分类"))] + [tuple(g) for g in groups.values()]
        for name in ("org", "info_type", "topic", "validity", "sort"):
            self.fields[name].error_messages["invalid_choice"] = invalid % {
                "field": self.fields[name].label
            }

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("结束日期不能早于开始日期。"))
        return data

    def to_query(self, *, page: int = 1) -> SearchQuery:
        data = self.cleaned_data
        return SearchQuery(
            q=data.get("q") or "",
            organization_ids=[data["org"]] if data.get("org") else [],
            info_types=[data["info_type"]] if data.get("info_type") else [],
            topic_ids=[data["topic"]] if data.get("topic") else [],
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            validity=data.get("validity") or "",
            sort=data.get("sort") or "relevance",
            page=page,
        )
