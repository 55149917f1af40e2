from django.urls import path

from . import views_staff as views

app_name = "foi_staff"

urlpatterns = [
    path("", views.application_list, name="list"),
    path("new/", views.application_register, name="register"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/reveal/", views.application_reveal, name="reveal"),
    path("<int:pk>/do/<slug:action>/", views.application_action, name="action"),
    path(
        "<int:pk>/remedies/<int:remedy_pk>/conclude/",
        views.remedy_conclude,
        name="remedy_conclude",
    ),
    path("letters/<int:pk>.<str:fmt>", views.letter_download, name="letter"),
]
