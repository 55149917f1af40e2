"""Admin for catalog templates, catalogs, guides, rules and negative lists.

Organization-owned records are saved through the services, so the admin checks the same
permissions, applies the same rules and writes the same audit rows as every other entry point.
Nothing here can be deleted: columns and entries are switched off instead, keeping history.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import DomainError
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import is_platform_admin, scope_to_user

from .models import (
    CatalogNode,
    CatalogTemplate,
    CatalogTemplateNode,
    NegativeListEntry,
    OpennessDocument,
)
from .services import (
    NODE_FIELDS,
    catalog_instantiate,
    catalog_node_save,
    check_can_manage,
    manageable_org_ids,
    negative_entry_save,
    openness_document_save,
    validate_catalog_node,
    validate_negative_entry,
    validate_openness_document,
)

SMALL_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


def _manageable_organizations(user):
    """Organizations offered on forms. Superusers see all of them, as in the lists, but the
    services still refuse them unless they hold the platform-admin role, and say why."""
    org_ids = None if user.is_superuser else manageable_org_ids(user)
    organizations = Organization.objects.filter(is_active=True)
    return organizations if org_ids is None else organizations.filter(pk__in=org_ids)


# Shared templates ---------------------------------------------------------------------------


class PlatformAdminOnly:
    """Shared templates belong to the whole platform: only its administrators change them."""

    def _may_edit(self, request) -> bool:
        return request.user.is_superuser or is_platform_admin(request.user)

    def has_add_permission(self, request, *args):
        return self._may_edit(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request) and super().has_delete_permission(request, obj)


class CatalogTemplateNodeInline(PlatformAdminOnly, admin.TabularInline):
    model = CatalogTemplateNode
    fk_name = "template"
    extra = 0
    fields = [
        "name",
        "parent",
        "content",
        "subject",
        "time_limit",
        "method",
        "scope",
        "update_frequency",
        "sort_order",
    ]
    formfield_overrides = SMALL_TEXT

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            template_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = CatalogTemplateNode.objects.filter(template_id=template_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CatalogTemplate)
class CatalogTemplateAdmin(PlatformAdminOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "node_count"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [CatalogTemplateNodeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_node_count=Count("nodes"))

    @admin.display(description=_("栏目数"), ordering="_node_count")
    def node_count(self, obj):
        return obj._node_count


@admin.register(CatalogTemplateNode)
class CatalogTemplateNodeAdmin(PlatformAdminOnly, admin.ModelAdmin):
    list_display = ["name", "template", "parent", "update_frequency", "sort_order"]
    list_filter = ["template", "update_frequency"]
    list_select_related = ["template", "parent__template"]
    search_fields = ["name", "content"]
    formfield_overrides = SMALL_TEXT

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = CatalogTemplateNode.objects.select_related("template")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Organization-owned records -----------------------------------------------------------------


class ServiceAdmin(admin.ModelAdmin):
    """Base for records owned by an organization and written through a service.

    The form runs the service's permission check and validation, so a refusal appears as a
    form error instead of an error page; ``save_model`` then calls the service itself.
    """

    list_filter = ["organization"]
    list_select_related = ["organization"]

    def validate(self, request, obj, organization, cleaned_data) -> None:
        """Raise DomainError as the service would."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return scope_to_user(queryset, request.user)

    def get_readonly_fields(self, request, obj=None):
        # A record never moves to another organization.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "organization"] if obj is not None else fields

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = _manageable_organizations(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ServiceForm(base):
            def clean(self):
                cleaned_data = super().clean()
                organization = (
                    obj.organization if obj is not None else cleaned_data.get("organization")
                )
                if organization is None:
                    return cleaned_data
                try:
                    check_can_manage(actor=request.user, organization=organization)
                    model_admin.validate(request, obj, organization, cleaned_data)
                except DomainError as error:
                    if error.field in self.fields and error.field in cleaned_data:
                        self.add_error(error.field, str(error.message))
                    else:
                        raise ValidationError(str(error.message)) from error
                return cleaned_data

        return ServiceForm

    def _adopt(self, obj, saved) -> None:
        """Point the admin's in-memory object at the row the service saved."""
        obj.pk = saved.pk
        obj._state.adding = False
        obj.refresh_from_db()


@admin.register(CatalogNode)
class CatalogNodeAdmin(ServiceAdmin):
    list_display = ["name", "organization", "parent", "update_frequency", "is_active"]
    list_filter = ["organization", "update_frequency", "is_active"]
    list_select_related = ["organization", "parent__organization"]
    search_fields = ["name", "content"]
    fields = ["organization", "parent", *NODE_FIELDS, "template_node"]
    readonly_fields = ["template_node"]
    change_list_template = "admin/catalog/catalognode/change_list.html"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            org_ids = None if request.user.is_superuser else manageable_org_ids(request.user)
            nodes = CatalogNode.objects.select_related("organization")
            kwargs["queryset"] = (
                nodes if org_ids is None else nodes.filter(organization_id__in=org_ids)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def validate(self, request, obj, organization, cleaned_data):
        if "name" in cleaned_data:
            validate_catalog_node(
                organization=organization,
                node=obj,
                parent=cleaned_data.get("parent"),
                name=cleaned_data["name"],
            )

    def save_model(self, request, obj, form, change):
        saved = catalog_node_save(
            organization=obj.organization,
            actor=request.user,
            now=timezone.now(),
            node=obj if change else None,
            parent=form.cleaned_data.get("parent"),
            **{
                field: form.cleaned_data[field]
                for field in NODE_FIELDS
                if field in form.cleaned_data
            },
        )
        self._adopt(obj, saved)

    def get_urls(self):
        return [
            path(
                "instantiate/",
                self.admin_site.admin_view(self.instantiate_view),
                name="catalog_catalognode_instantiate",
            ),
            *super().get_urls(),
        ]

    def instantiate_view(self, request):
        """Build (or complete) an organization's catalog from a shared template."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InstantiateForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            organization = form.cleaned_data["organization"]
            try:
                nodes = catalog_instantiate(
                    organization=organization,
                    template=form.cleaned_data["template"],
                    actor=request.user,
                    now=timezone.now(),
                )
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                self.message_user(
                    request,
                    _("已按模板为“%(org)s”建立目录，共%(count)d个栏目。")
                    % {"org": organization.name, "count": len(nodes)},
                    messages.SUCCESS,
                )
                changelist = reverse("admin:catalog_catalognode_changelist")
                return redirect(f"{changelist}?organization__id__exact={organization.pk}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("从模板建立目录"),
            "form": form,
        }
        return TemplateResponse(request, "admin/catalog/catalognode/instantiate.html", context)


class InstantiateForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("机构"), queryset=Organization.objects.none())
    template = forms.ModelChoiceField(label=_("目录模板"), queryset=CatalogTemplate.objects.all())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _manageable_organizations(user)


@admin.register(OpennessDocument)
class OpennessDocumentAdmin(ServiceAdmin):
    list_display = ["title", "organization", "kind", "updated_at"]
    list_filter = ["organization", "kind"]
    search_fields = ["title"]
    fields = ["organization", "kind", "title", "body", "updated_at"]
    readonly_fields = ["updated_at"]

    def validate(self, request, obj, organization, cleaned_data):
        if {"kind", "title", "body"} <= cleaned_data.keys():
            validate_openness_document(
                organization=organization,
                kind=cleaned_data["kind"],
                title=cleaned_data["title"],
                body=cleaned_data["body"],
                document=obj,
            )

    def save_model(self, request, obj, form, change):
        saved = openness_document_save(
            organization=obj.organization,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            actor=request.user,
            now=timezone.now(),
            document=obj if change else None,
        )
        self._adopt(obj, saved)


@admin.register(NegativeListEntry)
class NegativeListEntryAdmin(ServiceAdmin):
    list_display = ["matter", "organization", "review_on", "is_active"]
    list_filter = ["organization", "is_active"]
    search_fields = ["matter", "legal_basis"]
    fields = [
        "organization",
        "matter",
        "legal_basis",
        "scope",
        "review_on",
        "is_active",
        "updated_at",
    ]
    readonly_fields = ["updated_at"]

    def validate(self, request, obj, organization, cleaned_data):
        if {"matter", "legal_basis", "review_on"} <= cleaned_data.keys():
            validate_negative_entry(
                matter=cleaned_data["matter"],
                legal_basis=cleaned_data["legal_basis"],
                review_on=cleaned_data["review_on"],
                is_active=cleaned_data.get("is_active", True),
                today=timezone.localdate(),
            )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = negative_entry_save(
            organization=obj.organization,
            actor=request.user,
            now=timezone.now(),
            entry=obj if change else None,
            matter=data["matter"],
            legal_basis=data["legal_basis"],
            scope=data.get("scope", ""),
            review_on=data["review_on"],
            is_active=data.get("is_active", True),
        )
        self._adopt(obj, saved)
