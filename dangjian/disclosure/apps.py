from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "dangjian.disclosure"
    label = "disclosure"
    verbose_name = "党务公开"
    # Read by the to-do centre (dangjian.site.todos): this app's to-dos, and its name when they fail.
    todo_module = "dangjian.disclosure.todos"
    todo_label = "党务公开"

    def ready(self):
        from . import workflows  # noqa: F401  (registers the status workflow with core.workflow)
