from django.contrib.auth import views as auth_views
from django.urls import include, path

from dangjian.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("orgs/", include("dangjian.orgs.urls")),
    path("", include("dangjian.members.urls")),
]
