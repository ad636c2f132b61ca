"""/accounts/…: managing the logins of one's subtree (bureau officers, secretaries, the administrator);
/account/…: one's own account — name, roles, password, API token (``own_patterns``, no namespace)."""

from django.urls import path

from .views import logins, own

app_name = "accounts"
urlpatterns = [
    path("", logins.user_list, name="list"),
    path("new/", logins.user_create, name="create"),
    path("bulk/", logins.user_bulk, name="bulk"),
    path("slips.pdf", logins.slips_pdf, name="slips_pdf"),
    path("<int:pk>/", logins.user_detail, name="detail"),
    path("<int:pk>/roles/", logins.role_grant, name="grant"),
    path("<int:pk>/roles/<int:ra>/revoke/", logins.role_revoke, name="revoke"),
    path("<int:pk>/reset/", logins.user_reset, name="reset"),
    path("<int:pk>/deactivate/", logins.user_active, {"active": False}, name="deactivate"),
    path("<int:pk>/reactivate/", logins.user_active, {"active": True}, name="reactivate"),
]

own_patterns = [
    path("", own.account, name="account"),
    path("password/", own.password, name="account_password"),
    path("token/", own.api_token, name="api_token"),
]
