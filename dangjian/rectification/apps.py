from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "dangjian.rectification"
    label = "rectification"
    verbose_name = "整改"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.rectification.todos"
    todo_label = "整改"

    def ready(self):
        from . import workflows  # noqa: F401  (registers the status workflow with core.workflow)
