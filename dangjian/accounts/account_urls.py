"""/account/…: one's own account — name, roles, password, API token."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.account, name="account"),
    path("password/", views.password, name="account_password"),
    path("token/", views.api_token, name="api_token"),
]
