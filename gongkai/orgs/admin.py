from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from gongkai.portal.cache import purge_public_pages

from .models import Membership, Organization, PlatformSettings


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organization"]


class PurgesPublicPages:
    """Organizations and site settings appear on public pages: changing them purges the cache."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        purge_public_pages()


@admin.register(Organization)
class OrganizationAdmin(PurgesPublicPages, admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "short_name",
                    "code",
                    "slug",
                    "level",
                    "parent",
                    "sort_order",
                    "is_active",
                    "head",
                    "functions",
                ]
            },
        ),
        (
            "公开指南信息",
            {
                "fields": [
                    "office_name",
                    "address",
                    "postcode",
                    "office_hours",
                    "phone",
                    "fax",
                    "email",
                ]
            },
        ),
    ]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]


@admin.register(PlatformSettings)
class PlatformSettingsAdmin(PurgesPublicPages, admin.ModelAdmin):
    def has_add_permission(self, request):
        return not PlatformSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [MembershipInline]
