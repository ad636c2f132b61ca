from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "dangjian.disclosure"
    label = "disclosure"
    verbose_name = "党务公开"
