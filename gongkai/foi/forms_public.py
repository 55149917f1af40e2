"""The citizen's forms: the online application (在线申请) and the progress query (查询办理进度).

The forms check what a browser can be told (required, lengths, formats) and run the same
identity validators as the service, so every problem is listed at once; the service
(``gongkai.foi.services.application_submit``) stays the final judge, and the view attaches its
``DomainError`` to the matching field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from gongkai.core import tracking
from gongkai.orgs.models import Level, Organization

from . import validators
from .choices import ApplicantKind, Delivery, ProvisionForm
from .validators import IdDocumentType

NATURAL = ApplicantKind.NATURAL.value
# Form fields of one applicant kind; the other kind's are ignored.
PERSON_FIELDS = ("person_name", "id_type", "id_number")
ORGANIZATION_FIELDS = ("org_name", "credit_code", "legal_representative", "contact_name")

POSTCODE_RE = r"\d{6}"
CREDIT_CODE_PATTERN = r"\s*[0-9A-Za-z]{18}\s*"
HONEYPOT = "website"


def organization_choices() -> list:
    """Active organizations grouped by level, in the portal's order."""
    orgs = Organization.objects.filter(is_active=True).order_by("sort_order", "id")
    by_level: dict[str, list] = {}
    for org in orgs.only("slug", "name", "level"):
        by_level.setdefault(org.level, []).append((org.slug, org.name))
    choices: list = [("", _("请选择受理机关"))]
    for level in Level:
        if by_level.get(level.value):
            choices.append((level.label, by_level[level.value]))
    return choices


def _text(label, *, max_length, required=False, help_text="", **attrs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


class ApplicationForm(forms.Form):
    organization = forms.ChoiceField(label=_("受理机关"), choices=())
    applicant_kind = forms.ChoiceField(
        label=_("申请人类型"),
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        initial=NATURAL,
        error_messages={"required": _("请选择申请人类型。")},
    )

    # 自然人
    person_name = _text(_("姓名"), max_length=100, autocomplete="name")
    id_type = forms.ChoiceField(
        label=_("证件类型"),
        choices=IdDocumentType.choices,
        required=False,
        initial=IdDocumentType.RESIDENT_ID,
    )
    id_number = _text(
        _("证件号码"),
        max_length=30,
        help_text=_("居民身份证号码为18位，最后一位可能是字母X。"),
        autocomplete="off",
        spellcheck="false",
        autocapitalize="characters",
    )

    # 法人或者其他组织
    org_name = _text(_("名称"), max_length=100, autocomplete="organization")
    credit_code = _text(
        _("统一社会信用代码"),
        max_length=24,
        help_text=_("18位，由数字和大写字母组成。"),
        autocomplete="off",
        spellcheck="false",
        autocapitalize="characters",
        pattern=CREDIT_CODE_PATTERN,
        title=_("统一社会信用代码为18位数字或大写字母"),
    )
    legal_representative = _text(_("法定代表人或者负责人"), max_length=40)
    contact_name = _text(_("联系人"), max_length=40, autocomplete="name")

    # 联系方式
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        help_text=_("手机号码或带区号的固定电话，查询办理进度时需要填写。"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("请填写联系电话。")},
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        max_length=254,
        help_text=_("填写后，查询码将发送到该邮箱。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("请填写正确的电子邮箱地址，如 name@example.com。")},
    )
    address = _text(_("通信地址"), max_length=200, autocomplete="street-address")
    postcode = forms.CharField(
        label=_("邮政编码"),
        max_length=6,
        required=False,
        validators=[RegexValidator(f"^{POSTCODE_RE}$", _("邮政编码应为6位数字。"))],
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "postal-code",
                "pattern": POSTCODE_RE,
                "title": _("6位数字"),
            }
        ),
    )

    # 所需政府信息
    title_hint = _text(_("信息名称"), max_length=200)
    document_number_hint = _text(
        _("文号"), max_length=60, help_text=_("如知道文件的发文字号，请填写。")
    )
    description = forms.CharField(
        label=_("所需信息的内容描述"),
        max_length=5000,
        help_text=_("请写明信息的名称、文号，或者形成时间、制作机关等便于查找的特征。"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("请描述所需政府信息：名称、文号或者便于查询的其他特征。")},
    )
    provision_form = forms.ChoiceField(
        label=_("信息提供形式"),
        choices=ProvisionForm.choices,
        widget=forms.RadioSelect,
        initial=ProvisionForm.ELECTRONIC,
        error_messages={"required": _("请选择信息提供形式。")},
    )
    delivery = forms.ChoiceField(
        label=_("获取方式"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        initial=Delivery.EMAIL,
        error_messages={"required": _("请选择获取方式。")},
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
        self.fields["organization"].error_messages["required"] = _("请选择受理机关。")
        self.fields["organization"].error_messages["invalid_choice"] = _("请从列表中选择受理机关。")
        self.fields["applicant_kind"].error_messages["invalid_choice"] = _("请选择申请人类型。")

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    @property
    def is_natural(self) -> bool:
        return (self.cleaned_data if hasattr(self, "cleaned_data") else self.data).get(
            "applicant_kind"
        ) == NATURAL

    def _required(self, name: str, message) -> str:
        value = (self.cleaned_data.get(name) or "").strip()
        if not value and name not in self.errors:
            self.add_error(name, message)
        return value

    def _validate(self, name: str, validate, *args) -> None:
        if name in self.errors:
            return
        try:
            validate(*args)
        except ValidationError as exc:
            self.add_error(name, exc.messages[0])

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_kind")
        if kind == NATURAL:
            self._required("person_name", _("请填写申请人姓名。"))
            if not data.get("id_type"):
                self.add_error("id_type", _("请选择证件类型。"))
            number = self._required("id_number", _("请填写证件号码。"))
            if number and data.get("id_type"):
                self._validate(
                    "id_number", validators.validate_id_document, data["id_type"], number
                )
        elif kind:
            self._required("org_name", _("请填写法人或者其他组织的名称。"))
            code = self._required("credit_code", _("请填写统一社会信用代码。"))
            if code:
                self._validate("credit_code", validators.validate_credit_code, code)
            self._required("legal_representative", _("请填写法定代表人或者负责人。"))
            self._required("contact_name", _("请填写联系人。"))
        if data.get("phone"):
            self._validate("phone", validators.validate_mobile_or_phone, data["phone"])
        if (
            data.get("delivery") == Delivery.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("选择电子邮件获取时，请填写电子邮箱。"))
        if data.get("delivery") == Delivery.POST and not (data.get("address") or "").strip():
            self.add_error("address", _("选择邮寄获取时，请填写通信地址。"))
        return data

    def service_data(self) -> dict:
        """The application's fields as ``application_submit`` takes them."""
        data = self.cleaned_data
        natural = data["applicant_kind"] == NATURAL
        result = {
            "applicant_kind": data["applicant_kind"],
            "applicant_name": data["person_name"] if natural else data["org_name"],
            "id_type": data["id_type"] if natural else "",
            "id_number": validators.normalize_id_number(data["id_number"]) if natural else "",
            "credit_code": "" if natural else validators.normalize_credit_code(data["credit_code"]),
            "legal_representative": "" if natural else data["legal_representative"],
            "contact_name": "" if natural else data["contact_name"],
            "phone": validators.normalize_phone(data["phone"]),
        }
        for name in (
            "email",
            "address",
            "postcode",
            "title_hint",
            "document_number_hint",
            "description",
            "provision_form",
            "delivery",
        ):
            result[name] = data.get(name) or ""
        return result

    def form_field_for(self, service_field: str | None) -> str | None:
        """This form's field for a ``DomainError.field`` of the service (None: the whole form)."""
        if service_field == "applicant_name":
            return "person_name" if self.is_natural else "org_name"
        if service_field in self.fields:
            return service_field
        return None

    def error_list(self) -> list[tuple[str, str, str]]:
        """(anchor id, label, message) for the error summary, in the order of the page."""
        rows = []
        for name, field in self.fields.items():
            for message in self.errors.get(name, ()):
                bound = self[name]
                anchor = bound.auto_id
                if isinstance(field.widget, forms.RadioSelect):
                    anchor = f"{anchor}_0"
                rows.append((anchor, field.label, message))
        return rows


class TrackForm(tracking.TrackForm):
    code_help = _("提交申请后页面显示的查询码，如 ABCD-2345-EFGH。")
    phone_help = _("申请时填写的联系电话。")
    phone_required = _("请填写申请时填写的联系电话。")
