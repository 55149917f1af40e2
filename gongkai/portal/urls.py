from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/", views.xxgk, name="xxgk"),
    path("xxgk/list/", views.item_list, name="item_list"),
    path("xxgk/topic/", views.topics, name="topics"),
    path("xxgk/topic/<int:topic_id>/", views.topic_items, name="topic_items"),
    path("xxgk/type/", views.types, name="types"),
    path("xxgk/type/<slug:info_type>/", views.type_items, name="type_items"),
    path("xxgk/<int:pk>/", views.item, name="item"),
    path("xxgk/attachment/<int:pk>/", views.attachment, name="attachment"),
    path("zcwj/", views.policies, name="policies"),
    path("org/", views.organizations, name="organizations"),
    path("org/<slug:slug>/", views.organization, name="organization"),
    path("org/<slug:slug>/catalog/<int:node_id>/", views.catalog_node, name="catalog_node"),
    path("jiedu/", views.interpretations, name="interpretations"),
    path("jiedu/<int:pk>/", views.interpretation, name="interpretation"),
    path("sitemap/", views.site_map, name="site_map"),
    path("a11y/", views.accessibility, name="accessibility"),
    path("a11y/mode/", views.elderly_mode, name="elderly_mode"),
]
