from django.urls import path

from . import views_public as views

app_name = "foi"

urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.apply_done, name="apply_done"),
    path("track/", views.track, name="track"),
    path("track/result/", views.track_result, name="track_result"),
    path("track/supplement/", views.track_supplement, name="track_supplement"),
    path("track/end/", views.track_end, name="track_end"),
    path("track/letters/<int:pk>.<str:fmt>", views.track_letter, name="track_letter"),
]
