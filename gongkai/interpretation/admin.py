from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin

from .models import Interpretation


@admin.register(Interpretation)
class InterpretationAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "form", "status", "published_at"]
    list_filter = ["status", "form"]
    search_fields = ["title"]
