"""Forms of the mailbox: the writer's (write, track, rate) and the staff's (handle, publish,
curate the FAQ).

Forms check what a browser can be told (required, lengths, formats) so that every problem is
listed at once; the services stay the final judge and the views attach their ``DomainError``
to the matching field.
"""

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from gongkai.core import tracking
from gongkai.foi.validators import validate_mobile_or_phone
from gongkai.orgs.models import Level, Organization

from .choices import Kind, Rating
from .services import BODY_MAX, NAME_MAX, REPLY_MAX, SUBJECT_MAX

HONEYPOT = "website"
UNSURE = ""


UNSURE_LABEL = _("不清楚由哪个部门办理")


def organization_choices() -> list:
    """Active organizations grouped by level, in the portal's order; first "not sure"."""
    orgs = Organization.objects.filter(is_active=True).order_by("sort_order", "id")
    by_level: dict[str, list] = {}
    for org in orgs.only("slug", "name", "level"):
        by_level.setdefault(org.level, []).append((org.slug, org.name))
    choices: list = [(UNSURE, UNSURE_LABEL)]
    for level in Level:
        if by_level.get(level.value):
            choices.append((level.label, by_level[level.value]))
    return choices


def captcha_field():
    """A self-hosted image captcha (django-simple-captcha) with Chinese labels; None while the
    ``captcha`` app is not installed."""
    if not apps.is_installed("captcha"):
        return None
    from captcha.fields import CaptchaField, CaptchaTextInput

    class CaptchaInput(CaptchaTextInput):
        template_name = "mailbox/public/captcha_widget.html"

    return CaptchaField(
        label=_("验证码"),
        help_text=_("请输入图片中的字符，不区分大小写。看不清的，可以刷新页面换一张。"),
        widget=CaptchaInput(),
        error_messages={
            "invalid": _("验证码不正确，请重新输入（每张验证码只能使用一次）。"),
            "required": _("请输入验证码。"),
            "incomplete": _("请输入验证码。"),
        },
    )


class ErrorListMixin:
    def error_list(self) -> list[tuple[str, str, str]]:
        """(anchor id, label, message) for the error summary, in the order of the page."""
        rows = []
        for name, field in self.fields.items():
            for message in self.errors.get(name, ()):
                bound = self[name]
                anchor = bound.id_for_label or bound.auto_id
                if isinstance(field.widget, forms.RadioSelect):
                    anchor = f"{bound.auto_id}_0"
                rows.append((anchor, field.label, message))
        return rows


class MessageForm(ErrorListMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("留言类别"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        initial=Kind.CONSULT,
        error_messages={
            "required": _("请选择留言类别。"),
            "invalid_choice": _("请选择留言类别。"),
        },
    )
    organization = forms.ChoiceField(
        label=_("办理单位"),
        required=False,
        help_text=_(
            "写给领导信箱的无需选择，由政府办公室分送；不清楚由哪个部门办理的，"
            "可以选“不清楚由哪个部门办理”，系统将按留言内容分送。"
        ),
        error_messages={"invalid_choice": _("请从列表中选择办理单位。")},
    )
    subject = forms.CharField(
        label=_("标题"),
        max_length=SUBJECT_MAX,
        error_messages={
            "required": _("请填写标题。"),
            "max_length": _("标题最多 %(limit_value)d 个字（现有 %(show_value)d 个）。"),
        },
    )
    body = forms.CharField(
        label=_("留言内容"),
        max_length=BODY_MAX,
        help_text=_("请写明事情的经过、地点和您的诉求。请勿填写身份证号码等与诉求无关的个人信息。"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("请填写留言内容。"),
            "max_length": _("留言内容最多 %(limit_value)d 个字（现有 %(show_value)d 个）。"),
        },
    )
    writer_name = forms.CharField(
        label=_("姓名"),
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("请填写姓名。")},
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        help_text=_("查询办理情况时需要填写，不会公开。"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        validators=[validate_mobile_or_phone],
        error_messages={"required": _("请填写联系电话。")},
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        max_length=254,
        help_text=_("填写后，查询码和答复提醒将发送到该邮箱。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("请填写正确的电子邮箱地址，如 name@example.com。")},
    )
    address = forms.CharField(
        label=_("通信地址"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    consent_publish = forms.BooleanField(
        label=_("同意在去除个人信息后公开"),
        required=False,
        help_text=_(
            "勾选后，工作人员可以在去除您的姓名、电话、邮箱、地址等个人信息后，"
            "将留言和答复在“公开答复”栏目公开。"
        ),
    )
    # Hidden from people (CSS and aria-hidden); bots fill it in.
    website = forms.CharField(
        label=_("网址（请勿填写）"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = organization_choices()
        captcha = captcha_field()
        if captcha is not None:
            self.fields["captcha"] = captcha

    @property
    def is_spam(self) -> bool:
        return bool(str(self.data.get(HONEYPOT, "")).strip())

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name) or ""
            for name in ("kind", "subject", "body", "writer_name", "phone", "email", "address")
        } | {"consent_publish": bool(data.get("consent_publish"))}

    def chosen_organization(self) -> Organization | None:
        slug = self.cleaned_data.get("organization") or ""
        if not slug or self.cleaned_data.get("kind") == Kind.LEADER:
            return None
        return Organization.objects.filter(slug=slug, is_active=True).first()

    def form_field_for(self, service_field: str | None) -> str | None:
        return service_field if service_field in self.fields else None


class TrackForm(tracking.TrackForm):
    code_help = _("提交留言后页面显示的查询码，如 ABCD-2345-EFGH。")
    phone_help = _("留言时填写的联系电话。")
    phone_required = _("请填写留言时填写的联系电话。")


class RatingForm(ErrorListMixin, forms.Form):
    rating = forms.ChoiceField(
        label=_("您对办理情况是否满意"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择满意程度。"),
            "invalid_choice": _("请选择满意程度。"),
        },
    )
    comment = forms.CharField(
        label=_("评价意见（选填）"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("评价意见最多 %(limit_value)d 个字。")},
    )


# --- staff ------------------------------------------------------------------------------------


class AcceptForm(forms.Form):
    handler = forms.ModelChoiceField(
        label=_("承办人（选填）"), queryset=None, required=False, empty_label=_("暂不指定")
    )

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers
        self.fields["handler"].label_from_instance = lambda u: u.get_full_name() or u.username


class AssignForm(AcceptForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].required = True
        self.fields["handler"].label = _("承办人")
        self.fields["handler"].error_messages["required"] = _("请选择承办人。")


class TransferForm(forms.Form):
    to_organization = forms.ModelChoiceField(
        label=_("转入机构"),
        queryset=None,
        error_messages={
            "required": _("请选择转入机构。"),
            "invalid_choice": _("请从列表中选择转入机构。"),
        },
    )
    reason = forms.CharField(
        label=_("转办理由"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写转办理由。")},
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = targets


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("答复内容"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("请填写答复内容。")},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("不予受理的理由"),
        max_length=2000,
        help_text=_("理由将在写信人查询时显示。"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写不予受理的理由。")},
    )


class PublicationForm(forms.Form):
    public_subject = forms.CharField(label=_("公开标题"), max_length=SUBJECT_MAX)
    public_question = forms.CharField(
        label=_("公开的留言内容"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    public_reply = forms.CharField(
        label=_("公开的答复内容"), max_length=REPLY_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    confirmed = forms.BooleanField(
        label=_("我已核对，公开版本不含写信人的姓名、电话、邮箱、地址、证件号码等个人信息"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("public_subject", "public_question", "public_reply"):
            self.fields[name].error_messages["required"] = _("请填写%(label)s。") % {
                "label": self.fields[name].label
            }


class FaqForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("解答机构"),
        queryset=None,
        error_messages={"required": _("请选择解答机构。")},
    )
    topic = forms.CharField(
        label=_("主题"),
        max_length=40,
        required=False,
        help_text=_("如“社会保障”“教育入学”，便于分类浏览。"),
    )
    question = forms.CharField(
        label=_("问题"), max_length=200, error_messages={"required": _("请填写问题。")}
    )
    answer = forms.CharField(
        label=_("解答"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("请填写解答。")},
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
