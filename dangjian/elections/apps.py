from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "dangjian.elections"
    label = "elections"
    verbose_name = "换届选举"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.elections.todos"
    todo_label = "换届选举"

    def ready(self):
        from . import workflows  # noqa: F401  (registers this app's status workflows with core.workflow)
