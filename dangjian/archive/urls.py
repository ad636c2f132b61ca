from django.urls import path

from dangjian.core import attachments

from . import views

app_name = "archive"
urlpatterns = [
    path("org/<str:code>/", views.home, name="home"),
    path("org/<str:code>/new/", views.new, name="new"),
    path("org/<str:code>/<int:year>/catalog.<str:fmt>", views.catalog_export, name="catalog"),
    path("org/<str:code>/<int:year>/freeze/", views.freeze, name="freeze"),
    path("file/<int:pk>/", attachments.download, {"kind": "archive"}, name="file"),
    path("document/<int:pk>/void/", views.void, name="void"),
]
