"""Mounted at /public/disclosure/ (no login): published public-scope items only."""

from django.urls import path

from . import views

app_name = "public_disclosure"
urlpatterns = [
    path("", views.public_list, name="list"),
    path("<int:pk>/", views.public_detail, name="item"),
    path("attachment/<int:pk>/", views.public_attachment, name="attachment"),
]
