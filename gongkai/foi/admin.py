"""Admin for 依申请公开: editable letter templates; everything the workflow writes is read-only.

Applications, letters and remedies change only through the services (the staff workbench), so
their admins only show them; applicants' ID numbers and phones appear masked.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.core.errors import DomainError
from gongkai.core.timeutil import local_date

from .choices import LetterKind
from .letters import CONTEXT_VARIABLES, letter_verify, preview_template, render_text
from .models import Application, Letter, LetterTemplate, Remedy
from .validators import mask_id_number, mask_phone


def _masked(mask, value) -> str:
    if not value:
        return ""
    try:
        return mask(value)
    except Exception:  # a malformed stored value must not show through unmasked
        return "*" * len(value)


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["kind", "outcome", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "cols": 100})}

    def clean(self):
        cleaned = super().clean()
        kind, outcome = cleaned.get("kind"), cleaned.get("outcome")
        if kind == LetterKind.REPLY and not outcome:
            self.add_error("outcome", _("答复书模板须选择适用的办理结果。"))
        if kind and kind != LetterKind.REPLY and outcome:
            self.add_error("outcome", _("只有答复书按办理结果选用模板，其他文书请留空。"))
        for field in ("title", "body"):
            source = cleaned.get(field)
            if source:
                try:
                    render_text(source, {})
                except DomainError as exc:
                    self.add_error(field, ValidationError(exc.message))
        return cleaned


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ["title", "kind", "outcome", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "body"]
    readonly_fields = ["variables", "preview"]
    fieldsets = [
        (None, {"fields": ["kind", "outcome", "title", "body"]}),
        (
            _("可用变量"),
            {
                "fields": ["variables"],
                "description": _(
                    "正文使用 Django 模板语法，如 {{ number }}、{% if linked_items %}…{% endif %}；"
                    "段落之间空一行。机关名称和发文日期由系统加在文末，不必写入正文。"
                    "修改只影响此后发出的文书，已发出的文书不变。"
                ),
            },
        ),
        (_("预览（以虚构申请示例，保存后更新）"), {"fields": ["preview"]}),
    ]

    @admin.display(description=_("变量"))
    def variables(self, obj):
        rows = format_html_join(
            "", "<tr><td><code>{}</code></td><td>{}</td></tr>", CONTEXT_VARIABLES
        )
        return format_html("<table>{}</table>", rows)

    @admin.display(description=_("预览"))
    def preview(self, obj):
        if obj is None or not obj.pk:
            return _("保存后可预览。")
        try:
            title, body = preview_template(
                obj.title, obj.body, obj.kind, obj.outcome, today=local_date(timezone.now())
            )
        except DomainError as exc:
            return exc.message
        return format_html(
            '<div style="white-space: pre-wrap; max-width: 48em;"><strong>{}</strong>\n\n{}</div>',
            title,
            body,
        )


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "organization",
        "applicant_kind",
        "applicant_name",
        "masked_id_number",
        "masked_phone",
        "status",
        "outcome",
        "received_on",
        "concluded_on",
    ]
    list_filter = ["status", "outcome", "applicant_kind", "channel"]
    search_fields = ["tracking_code", "title_hint", "document_number_hint"]
    list_select_related = ["organization"]
    date_hierarchy = "received_on"
    # The raw identifiers never reach the admin: only their masked forms.
    exclude = ["id_number", "phone"]
    readonly_fields = ["masked_id_number", "masked_phone"]

    @admin.display(description=_("证件号码"))
    def masked_id_number(self, obj):
        return _masked(mask_id_number, obj.id_number)

    @admin.display(description=_("联系电话"))
    def masked_phone(self, obj):
        return _masked(mask_phone, obj.phone)


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "kind", "application", "sent_at", "intact"]
    list_filter = ["kind"]
    search_fields = ["number", "title"]
    list_select_related = ["application"]
    date_hierarchy = "sent_at"

    @admin.display(description=_("内容未被改动"), boolean=True)
    def intact(self, obj):
        return letter_verify(obj)


@admin.register(Remedy)
class RemedyAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "filed_on", "body", "result", "concluded_on"]
    list_filter = ["kind", "result"]
    list_select_related = ["application"]
