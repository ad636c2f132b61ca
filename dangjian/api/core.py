"""The JSON API under /api/v1/: one NinjaAPI, one router per app (each module exposes `router`)."""

from importlib import import_module

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from . import errors
from .auth import BearerToken, SessionAuth


class ChineseJSON(JSONRenderer):
    """UTF-8 JSON with Chinese left readable (curl users read it directly)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="党建 API",
    version="1",
    description="令牌：请求头 `Authorization: Bearer <令牌>`（`dangjian token 用户名` 获取）；或网页登录会话（写操作须带 X-CSRFToken）。",
    auth=[BearerToken(), SessionAuth()],
    urls_namespace="api",
    renderer=ChineseJSON(),
)
errors.install(api)  # 401 / 404 / 422 answered in Chinese JSON

# (url prefix, module). A module that is not written yet is simply not mounted.
ROUTERS = [
    ("orgs", "dangjian.api.orgs"),
    ("members", "dangjian.api.members"),
    ("stats", "dangjian.api.stats"),
    ("rules", "dangjian.api.rules"),
    ("recruitment", "dangjian.api.recruitment"),
    ("meetings", "dangjian.api.meetings"),
    ("dues", "dangjian.api.dues"),
    ("appraisal", "dangjian.api.appraisal"),
    ("learning", "dangjian.api.learning"),
    ("disclosure", "dangjian.api.disclosure"),
    ("relations", "dangjian.api.relations"),
    ("elections", "dangjian.api.elections"),
    ("archive", "dangjian.api.archive"),
    ("reports", "dangjian.api.reports"),
    ("plans", "dangjian.api.plans"),
    ("rectification", "dangjian.api.rectification"),
    ("assessment", "dangjian.api.assessment"),
    ("accounts", "dangjian.api.accounts"),
    ("audit", "dangjian.api.audit"),
]

for prefix, module in ROUTERS:
    try:
        mod = import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        continue
    api.add_router(f"/{prefix}/", mod.router)
