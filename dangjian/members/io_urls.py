from django.urls import path  # noqa: F401

app_name = "roster_io"
urlpatterns: list = []
