from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gongkai.core.admin import ReadOnlyAdmin

from .models import Item, PublicationTimeLimit, ReleaseRecord, SensitiveWord, Topic


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "index_number",
        "organization",
        "info_type",
        "status",
        "published_at",
        "workbench_link",
    ]
    list_filter = ["status", "info_type", "attribute", "validity"]
    search_fields = ["title", "index_number", "document_number"]
    list_select_related = ["organization"]
    date_hierarchy = "published_at"

    @admin.display(description=_("办理"))
    def workbench_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("workbench:item_detail", args=[obj.pk]),
            _("在工作台办理"),
        )


@admin.register(ReleaseRecord)
class ReleaseRecordAdmin(ReadOnlyAdmin):
    list_display = [
        "seq",
        "action",
        "title",
        "index_number",
        "organization_name",
        "publisher",
        "at",
    ]
    list_filter = ["action", "subject_kind"]
    search_fields = ["title", "index_number"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["__str__", "sort_order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]


@admin.register(PublicationTimeLimit)
class PublicationTimeLimitAdmin(admin.ModelAdmin):
    list_display = ["organization", "info_type", "days"]
    autocomplete_fields = ["organization"]


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    list_display = ["word", "category", "is_active"]
    list_filter = ["is_active", "category"]
    search_fields = ["word"]
