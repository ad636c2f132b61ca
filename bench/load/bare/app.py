"""The bare-Django baseline of the load test: one view returning a small page, no database, no middleware.

Served by bench/load/bare/serve.py with the same gunicorn options as `dangjian serve`, so the difference between
its figures and the app's is what the app itself costs (middleware, session, queries, templates).
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        SECRET_KEY="bare-baseline-not-secret",
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        USE_TZ=True,
        TIME_ZONE="Asia/Shanghai",
    )

PAGE = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>党建</title></head>'
    "<body><h1>党建工作管理系统</h1><p>基准页</p></body></html>"
)


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]

import django  # noqa: E402

django.setup()
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
