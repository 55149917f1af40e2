"""Admin for the calendar: each year's arrangement with its days inline.

Every save or delete calls ``calendar_changed()`` (inside the admin's transaction), so the
new calendar is used at once here and within seconds in other processes.
"""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.timeutil import local_date

from .calendar import calendar_changed, calendar_warnings
from .models import SpecialDay, YearArrangement


class CalendarChangedMixin:
    """Drop every cached copy of the calendar after any write through this admin."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        calendar_changed()

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        calendar_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        calendar_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        calendar_changed()


class SpecialDayInline(admin.TabularInline):
    model = SpecialDay
    fields = ["date", "kind", "name"]
    extra = 1
    ordering = ["date"]


@admin.register(YearArrangement)
class YearArrangementAdmin(CalendarChangedMixin, admin.ModelAdmin):
    list_display = ["year", "source", "holiday_count", "workday_count", "updated_at"]
    list_filter = ["year"]
    search_fields = ["source", "notes"]
    fields = ["year", "source", "notes"]
    inlines = [SpecialDayInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                holiday_days=Count(
                    "special_days", filter=Q(special_days__kind=SpecialDay.Kind.HOLIDAY)
                ),
                make_up_days=Count(
                    "special_days", filter=Q(special_days__kind=SpecialDay.Kind.WORKDAY)
                ),
            )
        )

    @admin.display(description=_("法定节假日天数"), ordering="holiday_days")
    def holiday_count(self, obj):
        return obj.holiday_days

    @admin.display(description=_("调休上班天数"), ordering="make_up_days")
    def workday_count(self, obj):
        return obj.make_up_days

    def changelist_view(self, request, extra_context=None):
        # Where admins add a year: the place to remind them that one is missing.
        if request.method == "GET":
            for warning in calendar_warnings(local_date(timezone.now())):
                messages.warning(request, warning)
        return super().changelist_view(request, extra_context)


@admin.register(SpecialDay)
class SpecialDayAdmin(CalendarChangedMixin, admin.ModelAdmin):
    list_display = ["date", "kind", "name", "arrangement"]
    list_filter = ["kind", "arrangement__year"]
    search_fields = ["name"]
    date_hierarchy = "date"
    list_select_related = ["arrangement"]
