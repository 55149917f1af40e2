from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("org/", views.organizations, name="organizations"),
    path("org/<slug:slug>/", views.organization, name="organization"),
    path("org/<slug:slug>/catalog/<int:node_id>/", views.catalog_node, name="catalog_node"),
    path("xxgk/<int:pk>/", views.item, name="item"),
    path("xxgk/attachment/<int:pk>/", views.attachment, name="attachment"),
    path("jiedu/", views.interpretations, name="interpretations"),
    path("jiedu/<int:pk>/", views.interpretation, name="interpretation"),
]
