from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "dangjian.rulebook"
    label = "rulebook"
    verbose_name = "规则"
