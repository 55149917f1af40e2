from django.urls import path

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
    path("<int:pk>/", views.qa_detail, name="qa_detail"),
]
