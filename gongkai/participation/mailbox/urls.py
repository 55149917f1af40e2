from django.urls import path
from django.utils.feedgenerator import Atom1Feed

from . import feeds
from . import views_public as views

app_name = "mailbox"

urlpatterns = [
    path("", views.write, name="write"),
    path("done/", views.done, name="done"),
    path("track/", views.track, name="track"),
    path("track/result/", views.track_result, name="track_result"),
    path("track/rate/", views.rate, name="rate"),
    path("track/end/", views.track_end, name="track_end"),
    path("list/", views.qa_list, name="qa_list"),
    path("list/rss.xml", feeds.AnswersFeed(), name="qa_rss"),
    path("list/atom.xml", feeds.AnswersFeed(Atom1Feed), name="qa_atom"),
    path("<int:pk>/", views.qa_detail, name="qa_detail"),
]
