from django.urls import path

from . import io_views, privacy_views, stats_views, views

app_name = "members"  # the person pages; the roster's import/export and the statistics have namespaces of their own
urlpatterns = [
    path("me/", views.me, name="me"),
    path("people/<int:pk>/", views.detail, name="detail"),
    path("people/<int:pk>/edit/", views.edit, name="edit"),
    path("people/<int:pk>/leave/", views.leave, name="leave"),
    path("people/<int:pk>/restore/", views.restore, name="restore"),
    path("people/<int:pk>/id-number/", privacy_views.reveal_id, name="reveal_id"),
    path("people/<int:pk>/export/", privacy_views.export, name="export"),
    path("orgs/<str:code>/roster/", views.roster, name="roster"),
    path("orgs/<str:code>/people/new/", views.create, name="create"),
]

# /orgs/<代码>/roster/import|export|print… (namespace roster_io, mounted by dangjian/urls.py)
io_patterns = [
    path("orgs/<str:code>/roster/import/", io_views.import_start, name="import"),
    path("orgs/<str:code>/roster/import/template.xlsx", io_views.import_template, name="template"),
    path("orgs/<str:code>/roster/import/<str:token>/", io_views.import_preview, name="preview"),
    path("orgs/<str:code>/roster/import/<str:token>/commit/", io_views.import_commit, name="commit"),
    path("orgs/<str:code>/roster/import/<str:token>/errors.xlsx", io_views.import_errors, name="errors"),
    path("orgs/<str:code>/roster/export.xlsx", io_views.export_xlsx, name="export"),
    path("orgs/<str:code>/roster/print/", io_views.print_view, name="print"),
    path("orgs/<str:code>/roster/roster.pdf", io_views.roster_pdf, name="pdf"),
]

# /orgs/<代码>/stats/ (namespace stats)
stats_patterns = [
    path("orgs/<str:code>/stats/", stats_views.composition_page, name="composition"),
]
