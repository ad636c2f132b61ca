from django.apps import AppConfig


class RelationsConfig(AppConfig):
    name = "dangjian.relations"
    label = "relations"
    verbose_name = "组织关系"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.relations.todos"
    todo_label = "组织关系"

    def ready(self):
        from . import workflows  # noqa: F401  (registers the status workflow with core.workflow)
