from django.urls import path

from . import views_staff as views

app_name = "response_staff"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/responses/", views.response_create, name="response_create"),
    path("<int:pk>/do/<slug:action>/", views.event_action, name="event_action"),
    path("fbh/", views.conference_list, name="conferences"),
    path("fbh/new/", views.conference_create, name="conference_create"),
    path("fbh/leaders/", views.leaders, name="leaders"),
    path("fbh/<int:pk>/", views.conference_detail, name="conference"),
    path("fbh/<int:pk>/edit/", views.conference_edit, name="conference_edit"),
    path("fbh/<int:pk>/publish/", views.conference_publish, name="conference_publish"),
]
