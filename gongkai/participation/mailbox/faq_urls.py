from django.urls import path

from . import views_public as views

app_name = "faq"

urlpatterns = [
    path("", views.faq_list, name="list"),
    path("<int:pk>/", views.faq_detail, name="detail"),
]
