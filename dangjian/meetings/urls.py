from django.urls import path

from dangjian.core import attachments

from . import views, views_reports

app_name = "meetings"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/void/", views.void, name="void"),
    path("<int:pk>/restore/", views.restore, name="restore"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachment/<int:pk>/", attachments.download, {"kind": "meeting"}, name="attachment"),
    path("attachment/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("plan-item/<int:pk>/void/", views_reports.plan_void, name="plan_void"),
    path("org/<str:code>/", views.org_meetings, name="org"),
    path("org/<str:code>/new/", views.create, name="create"),
    path("org/<str:code>/calendar/<int:year>/", views_reports.calendar, name="calendar"),
    path("org/<str:code>/grid/<int:year>/", views_reports.grid, name="grid"),
    path("org/<str:code>/participation/<int:year>/", views_reports.participation, name="participation"),
    path("org/<str:code>/plan/<int:year>/", views_reports.plan, name="plan"),
    path("org/<str:code>/book/<int:year>/", views_reports.book_page, name="book"),
    path("org/<str:code>/book/<int:year>.docx", views_reports.book, {"fmt": "docx"}, name="book_docx"),
    path("org/<str:code>/book/<int:year>.pdf", views_reports.book, {"fmt": "pdf"}, name="book_pdf"),
]
