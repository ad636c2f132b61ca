from django.urls import path

from . import views

app_name = "rulebook"
urlpatterns = [
    path("", views.index, name="index"),
    path("dues-calculator/", views.dues_calculator, name="dues_calculator"),
    path("recruitment-calculator/", views.recruitment_calculator, name="recruitment_calculator"),
    path("settings/", views.local_settings, name="settings"),
    path("settings/<str:code>/", views.local_settings, name="settings_bureau"),
    path("holidays/<int:year>/", views.holidays_year, name="holidays"),
    path("holidays/<int:year>/mark/", views.holidays_mark, name="holidays_mark"),
    path("holidays/<int:year>/remove/", views.holidays_remove, name="holidays_remove"),
]
