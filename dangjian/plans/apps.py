from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "dangjian.plans"
    label = "plans"
    verbose_name = "计划与通知"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.plans.todos"
    todo_label = "工作计划"

    def ready(self):
        from . import workflows  # noqa: F401  (registers this app's status workflows with core.workflow)
