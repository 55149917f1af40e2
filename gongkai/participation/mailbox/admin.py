"""Admin for the mailbox: the settings and routing rules are edited here; messages, transfers
and FAQ entries change only through the services (the workbench), so they are only shown,
without the writer's contact details."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.core.admin import ReadOnlyAdmin

from .models import FaqEntry, MailboxSettings, Message, MessageTransfer, RoutingRule


@admin.register(MailboxSettings)
class MailboxSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reply_days", "warn_after_days", "limit_days"]

    def has_add_permission(self, request):
        return not MailboxSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "organization_name", "priority", "is_active"]
    list_filter = ["is_active"]
    list_editable = ["priority", "is_active"]
    search_fields = ["name", "keywords", "organization_name"]
    autocomplete_fields = ["organization"]

    def has_delete_permission(self, request, obj=None):
        return False  # disable instead: messages remember the rule that routed them


class TransferInline(admin.TabularInline):
    model = MessageTransfer
    extra = 0
    can_delete = False
    fields = ["at", "from_organization", "to_organization", "reason", "by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["number", "subject", "kind", "organization", "status", "received_on", "writer"]
    list_filter = ["status", "kind", "may_publish"]
    search_fields = ["number", "subject"]
    inlines = [TransferInline]
    # The writer's contact details stay on the workbench, where access is by role.
    exclude = ["writer_name", "phone", "email", "address", "tracking_code"]
    readonly_fields = ["writer"]

    @admin.display(description=_("写信人"))
    def writer(self, obj):
        return obj.writer_name[:1] + "*" if obj.writer_name else ""


@admin.register(FaqEntry)
class FaqEntryAdmin(ReadOnlyAdmin):
    list_display = ["question", "organization", "topic", "is_published", "published_at"]
    list_filter = ["is_published", "topic"]
    search_fields = ["question", "answer"]
    exclude = ["search_text"]
