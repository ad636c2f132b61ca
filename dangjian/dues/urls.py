from django.urls import path

from . import views

app_name = "dues"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.me, name="me"),
    path("org/<str:code>/", views.month, name="month"),
    path("org/<str:code>/generate/", views.generate, name="generate"),
    path("org/<str:code>/pay/", views.pay, name="pay"),
    path("org/<str:code>/payments/", views.payments, name="payments"),
    path("org/<str:code>/arrears/", views.arrears, name="arrears"),
    path("org/<str:code>/ledger/", views.ledger, name="ledger"),
    path("org/<str:code>/bases/", views.bases, name="bases"),
    path("org/<str:code>/bases/import/", views.bases_import, name="bases_import"),
    path("org/<str:code>/reports/<str:kind>.<str:fmt>", views.report, name="report"),
    path("org/<str:code>/notice/propose/", views.notice_propose, name="notice_propose"),
    path("payment/<int:pk>/reverse/", views.reverse, name="reverse"),
]
