"""/accounts/…: managing the logins of one's subtree (bureau officers, secretaries, the administrator)."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.user_list, name="list"),
    path("new/", views.user_create, name="create"),
    path("bulk/", views.user_bulk, name="bulk"),
    path("slips.pdf", views.slips_pdf, name="slips_pdf"),
    path("<int:pk>/", views.user_detail, name="detail"),
    path("<int:pk>/roles/", views.role_grant, name="grant"),
    path("<int:pk>/roles/<int:ra>/revoke/", views.role_revoke, name="revoke"),
    path("<int:pk>/reset/", views.user_reset, name="reset"),
    path("<int:pk>/deactivate/", views.user_active, {"active": False}, name="deactivate"),
    path("<int:pk>/reactivate/", views.user_active, {"active": True}, name="reactivate"),
]
