from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("org/<slug:slug>/guide/", views.guide, name="guide"),
    path("org/<slug:slug>/rules/", views.rules, name="rules"),
    path("org/<slug:slug>/rules/<int:pk>/", views.rule, name="rule"),
    path("org/<slug:slug>/negative-list/", views.negative_list, name="negative_list"),
]
