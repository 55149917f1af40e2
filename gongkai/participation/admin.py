"""Admin for 公众参与: the settings and the spam word list are edited here; everything the
workflow writes (catalog entries, consultations, comments, reports, meetings and applications
to attend) is only shown — it changes through the workbench's services. Commenters' and
applicants' contacts are not shown here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.core.admin import ReadOnlyAdmin

from .models import (
    AttendanceApplication,
    Comment,
    Consultation,
    Decision,
    DecisionChange,
    FeedbackReport,
    Meeting,
    MeetingInvitee,
    MeetingItem,
    MeetingOutcome,
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


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MeetingItemInline(_ReadOnlyInline):
    model = MeetingItem
    fields = ["order", "title", "is_public", "decision", "consultation"]
    readonly_fields = fields


class MeetingInviteeInline(_ReadOnlyInline):
    model = MeetingInvitee
    fields = ["category", "name", "note", "consent"]
    readonly_fields = fields


class MeetingOutcomeInline(_ReadOnlyInline):
    model = MeetingOutcome
    fields = ["order", "text", "published_at"]
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "kind", "held_at", "openness", "status"]
    list_filter = ["status", "kind", "openness"]
    search_fields = ["title"]
    inlines = [MeetingItemInline, MeetingInviteeInline, MeetingOutcomeInline]


@admin.register(AttendanceApplication)
class AttendanceApplicationAdmin(ReadOnlyAdmin):
    list_display = ["receipt_code", "meeting", "category", "status", "submitted_at"]
    list_filter = ["status", "category"]
    search_fields = ["receipt_code"]
    fields = [
        "receipt_code",
        "meeting",
        "category",
        "submitted_at",
        "spam_flags",
        "status",
        "decline_reason",
        "decided_at",
        "decided_by",
    ]
