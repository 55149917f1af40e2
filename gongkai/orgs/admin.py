from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.portal.cache import purge_public_pages

from .models import Membership, Organization, PlatformSettings
from .services import membership_grant, membership_revoke, organization_create, organization_update


class MembershipInline(admin.TabularInline):
    """A person's roles on their user page: new ones are granted here, held ones are shown as
    they are (revoked in the 岗位 list, so the history stays)."""

    model = Membership
    extra = 1
    autocomplete_fields = ["organization"]
    fields = ["organization", "role", "granted_at", "revoked_at"]
    readonly_fields = ["granted_at", "revoked_at"]
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


class PurgesPublicPages:
    """Organizations and site settings appear on public pages: changing them purges the cache."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        purge_public_pages()


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
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

    def has_delete_permission(self, request, obj=None):
        # Switched off (启用) instead: items, roles and the audit trail refer to it.
        return False

    def save_model(self, request, obj, form, change):
        """Through the services, so that the change is audited and public pages purged."""
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            organization_update(organization=obj, actor=request.user, now=timezone.now(), **fields)
        else:
            obj.pk = organization_create(actor=request.user, now=timezone.now(), **fields).pk


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Roles are granted and revoked, never edited or deleted: the rows are their history."""

    list_display = ["user", "organization", "role", "granted_at", "revoked_at"]
    list_filter = ["role", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    fields = ["user", "organization", "role", "granted_at", "revoked_at"]
    readonly_fields = ["granted_at", "revoked_at"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request):
        return self.has_add_permission(request)

    def save_model(self, request, obj, form, change):
        granted = membership_grant(
            user=obj.user,
            organization=obj.organization,
            role=obj.role,
            actor=request.user,
            now=timezone.now(),
        )
        obj.pk, obj.granted_at = granted.pk, granted.granted_at

    @admin.action(description=gettext_lazy("撤销所选岗位"), permissions=["revoke"])
    def revoke(self, request, queryset):
        now = timezone.now()
        revoked = [
            membership_revoke(membership=membership, actor=request.user, now=now)
            for membership in queryset.active()
        ]
        self.message_user(request, _("已撤销 %d 个岗位。") % len(revoked))


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

    def save_formset(self, request, form, formset, change):
        """New roles of the membership inline are granted through the service (audited)."""
        now = timezone.now()
        for membership in formset.save(commit=False):
            membership_grant(
                user=form.instance,
                organization=membership.organization,
                role=membership.role,
                actor=request.user,
                now=now,
            )
