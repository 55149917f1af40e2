from django.urls import path

from . import views_reports as views

app_name = "foi_reports"

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("statistics.json", views.statistics_json, name="statistics_json"),
    path("statistics.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("ledger/", views.ledger_page, name="ledger"),
    path("ledger.xlsx", views.ledger_export, name="ledger_export"),
]
