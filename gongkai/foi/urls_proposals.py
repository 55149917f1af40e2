from django.urls import path

from . import views_proposals as views

app_name = "foi_proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("convert/", views.conversion_create, name="convert"),
]
