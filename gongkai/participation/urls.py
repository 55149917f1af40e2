from django.urls import path
from django.utils.feedgenerator import Atom1Feed

from . import feeds, views

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
]
