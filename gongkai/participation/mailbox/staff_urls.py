from django.urls import path

from . import views_staff as views

app_name = "mailbox_staff"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/do/<slug:action>/", views.message_action, name="action"),
    path("stats/", views.statistics, name="stats"),
    path("faq/", views.faq_list, name="faq_list"),
    path("faq/new/", views.faq_edit, name="faq_create"),
    path("faq/<int:pk>/", views.faq_edit, name="faq_edit"),
    path("faq/<int:pk>/do/<slug:action>/", views.faq_action, name="faq_action"),
]
