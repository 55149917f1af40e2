from django.urls import path

from . import views_meetings_staff as meetings
from . import views_staff as views

app_name = "participation_staff"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/edit/", views.consultation_edit, name="edit"),
    path("<int:pk>/do/<slug:action>/", views.consultation_action, name="action"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/feedback/groups/new/", views.group_create, name="group_create"),
    path("<int:pk>/feedback/groups/<int:group_pk>/", views.group_update, name="group_update"),
    path("<int:pk>/feedback/comments/<int:comment_pk>/", views.comment_mark, name="comment_mark"),
    path("<int:pk>/feedback/counts/", views.channel_counts, name="channel_counts"),
    path("<int:pk>/feedback/publish/", views.report_publish, name="report_publish"),
    path("moderation/", views.moderation, name="moderation"),
    path("comments/<int:pk>/do/<slug:action>/", views.comment_action, name="comment_action"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("decisions/<int:pk>/do/<slug:action>/", views.decision_action, name="decision_action"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/do/<slug:action>/", meetings.meeting_action, name="meeting_action"),
    path("meetings/<int:pk>/invitees/", meetings.invitee_add, name="meeting_invitee_add"),
    path(
        "meetings/<int:pk>/invitees/<int:invitee_pk>/remove/",
        meetings.invitee_remove,
        name="meeting_invitee_remove",
    ),
    path(
        "meetings/<int:pk>/applications/<int:application_pk>/<slug:result>/",
        meetings.application_decide,
        name="meeting_application_decide",
    ),
    path("meetings/<int:pk>/outcomes/", meetings.outcome_add, name="meeting_outcome_add"),
    path(
        "meetings/<int:pk>/outcomes/<int:outcome_pk>/remove/",
        meetings.outcome_remove,
        name="meeting_outcome_remove",
    ),
]
