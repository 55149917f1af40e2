from django.urls import path
from django.utils.feedgenerator import Atom1Feed

from . import feeds, views, views_meetings

app_name = "participation"

urlpatterns = [
    path("", views.home, name="home"),
    path("jcml/", views.decisions, name="decisions"),
    path("jcml/<int:pk>/", views.decision, name="decision"),
    path("yjzj/", views.consultations, name="consultations"),
    path("yjzj/rss.xml", feeds.ConsultationsFeed(), name="consultations_rss"),
    path("yjzj/atom.xml", feeds.ConsultationsFeed(Atom1Feed), name="consultations_atom"),
    path("yjzj/<int:pk>/", views.consultation, name="consultation"),
    path("yjzj/<int:pk>/comment/", views.comment, name="comment"),
    path("yjzj/<int:pk>/comment/done/", views.comment_done, name="comment_done"),
    path("yjzj/<int:pk>/report/", views.report, name="report"),
    path("hy/", views_meetings.meeting_list, name="meetings"),
    path("hy/rss.xml", feeds.MeetingsFeed(), name="meetings_rss"),
    path("hy/atom.xml", feeds.MeetingsFeed(Atom1Feed), name="meetings_atom"),
    path("hy/cx/", views_meetings.meeting_lookup, name="meeting_lookup"),
    path("hy/<int:pk>/", views_meetings.meeting_detail, name="meeting"),
    path("hy/<int:pk>/apply/", views_meetings.meeting_apply, name="meeting_apply"),
    path("hy/<int:pk>/apply/done/", views_meetings.meeting_apply_done, name="meeting_apply_done"),
]
