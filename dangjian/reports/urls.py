from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("org/<str:code>/summary/<int:year>/", views.summary, name="summary"),
    path("org/<str:code>/summary/<int:year>.docx", views.summary_docx, name="summary_docx"),
    path("org/<str:code>/dashboard/<int:year>/", views.dashboard, name="dashboard"),
    path("org/<str:code>/statistics/<int:year>.xlsx", views.statistics_xlsx, name="statistics"),
    path("org/<str:code>/ledger/<int:year>.docx", views.ledger_docx, name="ledger"),
    path("org/<str:code>/ledger/<int:year>.pdf", views.ledger_pdf, name="ledger_pdf"),
    path("org/<str:code>/ledger/<int:year>/pdf-job/", views.ledger_pdf_job, name="ledger_pdf_job"),
]
