"""The JSON API under /api/v1/: one NinjaAPI, one router per app (each module exposes `router`)."""
from importlib import import_module

from ninja import NinjaAPI

from .auth import BearerToken, SessionAuth

api = NinjaAPI(title="党建 API", version="1", auth=[BearerToken(), SessionAuth()], urls_namespace="api")

# (url prefix, module). A module that is not written yet is simply not mounted.
ROUTERS = [
    ("orgs", "dangjian.api.orgs"),
    ("members", "dangjian.api.members"),
    ("stats", "dangjian.api.stats"),
    ("rules", "dangjian.api.rules"),
    ("recruitment", "dangjian.api.recruitment"),
    ("meetings", "dangjian.api.meetings"),
    ("dues", "dangjian.api.dues"),
]

for prefix, module in ROUTERS:
    try:
        mod = import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        continue
    api.add_router(f"/{prefix}/", mod.router)
