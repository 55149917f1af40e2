from django.urls import path

from . import views

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("items/", views.item_list, name="item_list"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/do/<slug:action>/", views.item_action, name="item_action"),
    path(
        "items/<int:pk>/interpretation/new/",
        views.interpretation_create,
        name="interpretation_create",
    ),
    path(
        "interpretations/<int:pk>/do/<slug:action>/",
        views.interpretation_action,
        name="interpretation_action",
    ),
]
