from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "dangjian.plans"
    label = "plans"
    verbose_name = "计划与通知"
