from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "dangjian.archive"
    label = "archive"
    verbose_name = "文书档案"
