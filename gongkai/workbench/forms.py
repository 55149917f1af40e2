from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import CatalogNode
from gongkai.interpretation.models import Interpretation
from gongkai.orgs.models import Organization
from gongkai.publishing.choices import Attribute, Ground, RelationKind
from gongkai.publishing.models import Item, ItemRelation, Topic
from gongkai.publishing.services import EDITABLE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.ModelForm):
    """The metadata and content a drafter fills in. Business rules live in the services."""

    organization = forms.ModelChoiceField(Organization.objects.none(), label=_("发布机构"))

    class Meta:
        model = Item
        fields = ["organization", *EDITABLE_FIELDS, "catalog_nodes", "co_issuers"]
        widgets = {
            "written_on": DATE,
            "effective_on": DATE,
            "expires_on": DATE,
            "body": forms.Textarea(attrs={"rows": 14}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "attribute_explanation": forms.Textarea(attrs={"rows": 3}),
            "catalog_nodes": forms.SelectMultiple(attrs={"size": 8}),
            "co_issuers": forms.SelectMultiple(attrs={"size": 5}),
        }
        help_texts = {
            "body": _("可使用段落、标题、列表、表格等基本格式，脚本和样式会被清除。"),
            "ground": _("公开属性不是“主动公开”时必填。"),
        }

    def __init__(self, *args, organizations=None, **kwargs):
        """``organizations``: where a new item may be drafted (unused when editing)."""
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]
            org_ids = [self.instance.organization_id]
        else:
            self.fields["organization"].queryset = organizations
            org_ids = [o.pk for o in organizations]
            if len(org_ids) == 1:
                self.fields["organization"].initial = org_ids[0]
        self.fields["catalog_nodes"].queryset = CatalogNode.objects.filter(
            organization__in=org_ids, is_active=True
        ).select_related("organization")
        self.fields["catalog_nodes"].label_from_instance = lambda n: n.name
        self.fields["co_issuers"].queryset = Organization.objects.filter(is_active=True)
        self.fields["topic"].queryset = Topic.objects.select_related("parent").exclude(parent=None)
        self.fields["ground"].choices = [("", _("（主动公开无需选择）")), *Ground.choices]

    FIELDSETS = (
        (
            _("基本信息"),
            (
                "organization",
                "title",
                "document_number",
                "written_on",
                "info_type",
                "topic",
                "five_public",
                "keywords",
                "catalog_nodes",
                "co_issuers",
            ),
        ),
        (_("公开属性"), ("attribute", "ground", "attribute_explanation", "needs_interpretation")),
        (_("有效性（政策文件）"), ("validity", "effective_on", "expires_on")),
        (_("内容"), ("summary", "body")),
    )

    def fieldsets(self):
        for legend, names in self.FIELDSETS:
            yield legend, [self[name] for name in names if name in self.fields]

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}
        for name in (
            "body",
            "summary",
            "keywords",
            "document_number",
            "attribute_explanation",
            "five_public",
            "validity",
            "ground",
        ):
            data[name] = data[name] or ""
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由或意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AttributeForm(forms.Form):
    attribute = forms.ChoiceField(label=_("公开属性"), choices=Attribute.choices)
    ground = forms.ChoiceField(
        label=_("法定依据"), required=False, choices=[("", "——"), *Ground.choices]
    )
    explanation = forms.CharField(
        label=_("认定说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    comment = forms.CharField(
        label=_("审查意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PublishForm(forms.Form):
    at = forms.DateTimeField(
        label=_("定时发布时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("留空则立即发布。"),
    )


ABOLITION_DATE_HELP = _(
    "自该日起不再有效；不填则今天废止。填写以后的日期的，文件在此之前仍然有效，到该日自动标记为废止。"
)


class AbolishForm(forms.Form):
    reason = forms.CharField(label=_("废止理由"), widget=forms.Textarea(attrs={"rows": 3}))
    effective_on = forms.DateField(
        label=_("废止日期"), required=False, widget=DATE, help_text=ABOLITION_DATE_HELP
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件文件"))
    title = forms.CharField(label=_("附件名称"), required=False)
    alt_text = forms.CharField(label=_("替代文字（图片必填）"), required=False)


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("关系"), choices=RelationKind.choices)
    reference = forms.CharField(
        label=_("被关联信息的索引号或文号"),
        max_length=60,
        help_text=_("只能关联已发布的信息。选择“废止”时，被废止的文件将同时标记为废止。"),
    )


class RelationRemoveForm(forms.Form):
    relation = forms.ModelChoiceField(ItemRelation.objects.none())

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relation"].queryset = item.relations_out.all()


class InterpretationForm(forms.ModelForm):
    media_url = forms.URLField(label=_("音视频或图解链接"), required=False, assume_scheme="https")

    class Meta:
        model = Interpretation
        fields = ["title", "form", "interpreter", "body", "media_url"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
