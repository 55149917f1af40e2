"""Forms of 公众参与: the citizen's comment form and the workbench forms.

Forms check what a browser can be told (required, lengths, formats); the services stay the
final judge, and views attach a service's ``DomainError`` to the matching field.

``CaptchaField`` here wraps django-simple-captcha with Chinese messages and an accessible widget
(image with a text alternative, a "换一张" button); the mailbox's forms use it too.
"""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from captcha.fields import CaptchaField as BaseCaptchaField
from captcha.fields import CaptchaTextInput

from gongkai.orgs.models import Organization

from .choices import OFFLINE_CHANNELS, Adoption, Channel
from .models import Comment, Consultation, Decision, DraftArticle, OpinionGroup
from .services import CONSULTATION_FIELDS, MAX_COMMENT_CHARS, MAX_NAME_CHARS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HONEYPOT = "website"
ANONYMOUS, SIGNED = "anonymous", "signed"


class CaptchaInput(CaptchaTextInput):
    template_name = "participation/captcha_widget.html"


class CaptchaField(BaseCaptchaField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("验证码"))
        kwargs.setdefault("help_text", _("请输入图片中的字符，不区分大小写；看不清可以换一张。"))
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("验证码不正确，请重新输入。"), "required": _("请输入验证码。")},
        )
        kwargs.setdefault("widget", CaptchaInput())
        super().__init__(**kwargs)


def error_rows(form: forms.Form) -> list[tuple[str, str, str]]:
    """(anchor id, label, message) for an error summary, in the order of the page."""
    rows = []
    for name, field in form.fields.items():
        if form.errors.get(name):
            # Screen readers announce the field as invalid, with its message.
            described = field.widget.attrs.get("aria-describedby", "")
            field.widget.attrs["aria-invalid"] = "true"
            field.widget.attrs["aria-describedby"] = (
                f"{described} {form[name].auto_id}_error".strip()
            )
        for message in form.errors.get(name, ()):
            bound = form[name]
            anchor = bound.id_for_label or bound.auto_id
            if isinstance(field.widget, forms.RadioSelect):
                anchor = f"{bound.auto_id}_0"
            rows.append((anchor, field.label, message))
    return rows


def honeypot_field() -> forms.CharField:
    """A field hidden from people (CSS and aria-hidden) that bots fill in."""
    return forms.CharField(
        label=_("网址（请勿填写）"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class PublicFormMixin:
    """What the public's forms share: help texts announced with their fields, the honeypot
    (a ``website = honeypot_field()`` field) and which field a service's refusal belongs to."""

    described: tuple[str, ...] = ()  # the fields whose help text screen readers announce

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.described:
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"

    @property
    def is_spam(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def field_for(self, service_field: str | None) -> str | None:
        return service_field if service_field in self.fields else None


def _article_label(article: DraftArticle) -> str:
    return f"{article.heading}　{Truncator(article.text).chars(24)}"


class CommentForm(PublicFormMixin, forms.Form):
    article = forms.ChoiceField(label=_("意见针对"), required=False)
    body = forms.CharField(
        label=_("意见内容"),
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_COMMENT_CHARS}),
        help_text=_("%(max)s字以内。请写明修改建议和理由。") % {"max": MAX_COMMENT_CHARS},
        error_messages={
            "required": _("请填写意见内容。"),
            "max_length": _("意见内容不能超过%(limit_value)d字。"),
        },
    )
    signed = forms.ChoiceField(
        label=_("公开方式"),
        choices=(
            (ANONYMOUS, _("匿名（公开时显示“匿名网友”）")),
            (SIGNED, _("公开署名（显示填写的姓名）")),
        ),
        initial=ANONYMOUS,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择公开方式。"), "invalid_choice": _("请选择公开方式。")},
    )
    name = forms.CharField(
        label=_("姓名"),
        max_length=MAX_NAME_CHARS,
        required=False,
        help_text=_("选填。选择公开署名时必填。"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": _("姓名不能超过%(limit_value)d字。")},
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        required=False,
        help_text=_("选填，仅供工作人员联系，不会公开。"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        max_length=254,
        help_text=_("选填，仅供工作人员联系，不会公开。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("请填写正确的电子邮箱地址，如 name@example.com。")},
    )
    captcha = CaptchaField()
    website = honeypot_field()
    described = ("body", "name", "phone", "email")

    def __init__(self, *args, articles: list[DraftArticle], **kwargs):
        super().__init__(*args, **kwargs)
        self.articles = {str(a.pk): a for a in articles}
        self.fields["article"].choices = [
            ("", _("总体意见")),
            *((str(a.pk), _article_label(a)) for a in articles),
        ]
        self.fields["article"].error_messages["invalid_choice"] = _(
            "请从列表中选择意见针对的条文。"
        )

    def clean(self):
        data = super().clean()
        if data.get("signed") == SIGNED and not (data.get("name") or "").strip():
            if "name" not in self.errors:
                self.add_error("name", _("选择公开署名时，请填写姓名。"))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "article": self.articles.get(data.get("article") or ""),
            "body": data["body"],
            "name": data.get("name") or "",
            "signed": data.get("signed") == SIGNED,
            "phone": data.get("phone") or "",
            "email": data.get("email") or "",
        }


# ---------------------------------------------------------------- workbench


class DecisionForm(forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label=_("承办单位"))
    year = forms.IntegerField(label=_("目录年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("决策事项"), max_length=200)
    basis = forms.CharField(
        label=_("决策依据"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    planned_time = forms.CharField(
        label=_("计划完成时间"), max_length=60, required=False, help_text=_("如“2026年第三季度”。")
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
            ids = list(organizations.values_list("pk", flat=True))
            if len(ids) == 1:
                self.fields["organization"].initial = ids[0]


class DecisionEditForm(DecisionForm):
    reason = forms.CharField(
        label=_("调整理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("将随调整记录在目录中公开。"),
        error_messages={"required": _("请填写调整理由，将随调整记录公开。")},
    )


class AdvanceForm(forms.Form):
    note = forms.CharField(
        label=_("说明（可选）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decided_on = forms.DateField(label=_("决策日期"), required=False, widget=DATE)
    decision_item = forms.IntegerField(
        label=_("决策文件的信息编号（可选）"),
        required=False,
        min_value=1,
        help_text=_("已公开的决策文件在工作台“信息管理”中的编号。"),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写理由。")},
    )


class ConsultationForm(forms.ModelForm):
    organization = forms.ModelChoiceField(Organization.objects.none(), label=_("征集单位"))
    channels = forms.MultipleChoiceField(
        label=_("征集渠道"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Channel.ONLINE],
        error_messages={"required": _("请至少选择一种意见征集渠道。")},
    )

    class Meta:
        model = Consultation
        fields = ["decision", *CONSULTATION_FIELDS]
        widgets = {
            "draft_text": forms.Textarea(attrs={"rows": 16}),
            "basis": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 6}),
            "short_period_reason": forms.Textarea(attrs={"rows": 2}),
            "opens_on": DATE,
            "closes_on": DATE,
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Channel.choices:
            self.fields[f"channel_{kind}"] = forms.CharField(
                label=_("%(channel)s说明") % {"channel": label},
                max_length=300,
                required=False,
            )
        if self.instance.pk:
            del self.fields["organization"]
            org_ids = [self.instance.organization_id]
            existing = {c.kind: c.details for c in self.instance.channels.all()}
            self.initial.setdefault("channels", list(existing))
            for kind, details in existing.items():
                self.initial.setdefault(f"channel_{kind}", details)
        else:
            self.fields["organization"].queryset = organizations
            org_ids = list(organizations.values_list("pk", flat=True))
            if len(org_ids) == 1:
                self.fields["organization"].initial = org_ids[0]
        self.fields["decision"].queryset = Decision.objects.filter(
            organization__in=org_ids, removed_at__isnull=True
        ).order_by("-year", "id")
        self.fields["decision"].empty_label = _("（不属于重大行政决策：其他政策文件草案）")
        self.fields["channel_online"].help_text = _("网上提交通过本页面表单，无需填写。")

    def channel_rows(self):
        """(checkbox, details field) for each channel, for the template."""
        boxes = {box.data["value"]: box for box in self["channels"]}
        return [(boxes[kind], self[f"channel_{kind}"]) for kind in Channel.values]

    def service_data(self) -> dict:
        return {field: self.cleaned_data.get(field) for field in self.Meta.fields}

    def service_channels(self) -> dict[str, str]:
        return {
            kind: self.cleaned_data.get(f"channel_{kind}") or ""
            for kind in self.cleaned_data.get("channels") or []
        }


class ExtendForm(forms.Form):
    closes_on = forms.DateField(label=_("新的截止日期"), widget=DATE)
    reason = forms.CharField(label=_("延长理由"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("提前结束的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("截止日期之前结束时必填，将在页面上公开。"),
    )


ADOPTION_CHOICES = [("", _("（未标注）")), *Adoption.choices]


class GroupForm(forms.Form):
    summary = forms.CharField(
        label=_("意见概述"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请概述这组意见的内容，将在反馈中公开。")},
    )
    offline_count = forms.IntegerField(label=_("线下同类意见数"), min_value=0, initial=0)
    concentrated = forms.BooleanField(label=_("认定为集中意见"), required=False)
    adoption = forms.ChoiceField(label=_("采纳情况"), choices=ADOPTION_CHOICES, required=False)
    reason = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "summary": data["summary"],
            "offline_count": data["offline_count"] or 0,
            "concentrated": data["concentrated"],
            "adoption": data["adoption"],
            "reason": data["reason"],
        }


class GroupCreateForm(GroupForm):
    comments = forms.MultipleChoiceField(
        label=_("归入的意见"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, comments: list[Comment], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [
            (str(c.pk), f"{c.receipt_number} {Truncator(c.body).chars(30)}") for c in comments
        ]


class MarkForm(forms.Form):
    group = forms.ChoiceField(label=_("归入同类意见"), required=False)
    adoption = forms.ChoiceField(label=_("采纳情况"), choices=ADOPTION_CHOICES, required=False)
    reason = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, groups: list[OpinionGroup], **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {str(g.pk): g for g in groups}
        self.fields["group"].choices = [
            ("", _("（单独标注）")),
            *((str(g.pk), Truncator(g.summary).chars(30)) for g in groups),
        ]


class ChannelCountsForm(forms.Form):
    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        present = {c.kind: c for c in channels}
        for kind in OFFLINE_CHANNELS:
            if kind in present:
                self.fields[kind] = forms.IntegerField(
                    label=kind.label, min_value=0, initial=present[kind].received_count
                )


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("总体说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("如征求意见的总体情况、意见的主要方面和修改情况，将在反馈报告开头公开。"),
    )
