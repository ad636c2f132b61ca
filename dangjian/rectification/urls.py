from django.urls import path

from dangjian.core import attachments

from . import views

app_name = "rectification"
urlpatterns = [
    path("", views.home, name="home"),
    path("org/<str:code>/", views.ledger, name="ledger"),
    path("org/<str:code>/export.xlsx", views.export, name="export"),
    path("org/<str:code>/findings/", views.findings, name="findings"),
    path("org/<str:code>/new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/return/", views.return_, name="return"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("files/<int:pk>/", attachments.download, {"kind": "rectification"}, name="file"),
]
