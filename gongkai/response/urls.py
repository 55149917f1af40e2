from django.urls import path
from django.utils.feedgenerator import Atom1Feed

from . import feeds
from . import views_public as views

app_name = "response"

urlpatterns = [
    path("", views.home, name="home"),
    path("fbh/", views.conferences, name="conferences"),
    path("fbh/rss.xml", feeds.PressConferencesFeed(), name="conferences_rss"),
    path("fbh/atom.xml", feeds.PressConferencesFeed(Atom1Feed), name="conferences_atom"),
    path("fbh/<int:pk>/", views.conference, name="conference"),
    path("hy/", views.responses, name="responses"),
    path("hy/rss.xml", feeds.ResponsesFeed(), name="responses_rss"),
    path("hy/atom.xml", feeds.ResponsesFeed(Atom1Feed), name="responses_atom"),
    path("hy/<int:pk>/", views.event, name="event"),
]
