"""Admin for 公众参与: the settings and the spam word list are edited here; everything the
workflow writes (catalog entries, consultations, comments, reports) is only shown — it changes
through the workbench's services. Commenters' contacts are not shown here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.core.admin import ReadOnlyAdmin

from .models import (
    Comment,
    Consultation,
    Decision,
    DecisionChange,
    FeedbackReport,
    ParticipationSettings,
    SpamWord,
)


@admin.register(ParticipationSettings)
class ParticipationSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "major_decision_min_days",
        "policy_min_working_days",
        "report_due_working_days",
        "concentrated_threshold",
    ]

    def has_add_permission(self, request):
        return not ParticipationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SpamWord)
class SpamWordAdmin(admin.ModelAdmin):
    list_display = ["word", "is_active", "note"]
    list_filter = ["is_active"]
    search_fields = ["word"]


class DecisionChangeInline(admin.TabularInline):
    model = DecisionChange
    fields = ["at", "kind", "summary", "reason", "actor"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "year", "status", "removed_at"]
    list_filter = ["year", "status"]
    search_fields = ["title"]
    inlines = [DecisionChangeInline]


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "opens_on", "closes_on", "published_at", "closed_at"]
    list_filter = ["organization"]
    search_fields = ["title"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["receipt_number", "consultation", "status", "submitted_at", "flagged"]
    list_filter = ["status"]
    search_fields = ["receipt_number"]
    fields = [
        "receipt_number",
        "consultation",
        "article",
        "body",
        "signed",
        "submitted_at",
        "status",
        "spam_flags",
        "reject_reason",
        "moderated_at",
        "moderated_by",
        "group",
        "adoption",
        "adoption_reason",
    ]

    @admin.display(boolean=True, description=_("疑似垃圾信息"))
    def flagged(self, obj):
        return bool(obj.spam_flags)


@admin.register(FeedbackReport)
class FeedbackReportAdmin(ReadOnlyAdmin):
    list_display = ["consultation", "published_at"]
