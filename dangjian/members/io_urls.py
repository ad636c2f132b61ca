from django.urls import path

from . import io_views as v

app_name = "roster_io"
urlpatterns = [
    path("orgs/<str:code>/roster/import/", v.import_start, name="import"),
    path("orgs/<str:code>/roster/import/template.xlsx", v.import_template, name="template"),
    path("orgs/<str:code>/roster/import/<str:token>/", v.import_preview, name="preview"),
    path("orgs/<str:code>/roster/import/<str:token>/commit/", v.import_commit, name="commit"),
    path("orgs/<str:code>/roster/import/<str:token>/errors.xlsx", v.import_errors, name="errors"),
    path("orgs/<str:code>/roster/export.xlsx", v.export_xlsx, name="export"),
    path("orgs/<str:code>/roster/print/", v.print_view, name="print"),
    path("orgs/<str:code>/roster/roster.pdf", v.roster_pdf, name="pdf"),
]
