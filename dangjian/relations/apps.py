from django.apps import AppConfig


class RelationsConfig(AppConfig):
    name = "dangjian.relations"
    label = "relations"
    verbose_name = "组织关系"
