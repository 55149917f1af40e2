"""Admin for 回应关切: the clock rules and the principal-leader minimums are edited here; events,
responses, escalations and press conferences are only shown — they change through the
workbench's services."""

from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin

from .models import (
    Escalation,
    EventResponse,
    OpinionEvent,
    PressConference,
    PrincipalLeaderRule,
    ResponseClockRule,
    Speaker,
)


@admin.register(ResponseClockRule)
class ResponseClockRuleAdmin(admin.ModelAdmin):
    list_display = ["level", "first_release_hours", "press_conference_hours"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PrincipalLeaderRule)
class PrincipalLeaderRuleAdmin(admin.ModelAdmin):
    list_display = ["level", "min_per_year"]

    def has_delete_permission(self, request, obj=None):
        return False


class ResponseInline(admin.TabularInline):
    model = EventResponse
    extra = 0
    can_delete = False
    fields = ["kind", "released_at", "summary", "item", "press_conference"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class EscalationInline(admin.TabularInline):
    model = Escalation
    extra = 0
    can_delete = False
    fields = ["clock", "due_at", "escalated_at", "to_organization", "reason", "notified"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OpinionEvent)
class OpinionEventAdmin(ReadOnlyAdmin):
    list_display = ["title", "level", "status", "responsible_organization", "first_seen_at"]
    list_filter = ["level", "status", "source_kind", "is_public"]
    search_fields = ["title"]
    inlines = [ResponseInline, EscalationInline]


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0
    can_delete = False
    fields = ["name", "post", "is_principal_leader"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PressConference)
class PressConferenceAdmin(ReadOnlyAdmin):
    list_display = ["topic", "organization", "held_at", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["topic"]
    inlines = [SpeakerInline]
