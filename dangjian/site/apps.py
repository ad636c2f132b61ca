from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top floor: pages and commands that gather every app (start page, to-do centre, audit pages,
    demo, backup/restore, scale data). Nothing below imports it."""

    name = "dangjian.site"
    label = "site"  # django.contrib.sites is "sites"; not installed here either
    verbose_name = "站点"

    def ready(self):
        from dangjian.members import own

        from .start import member_summary

        own.set_provider(member_summary)
