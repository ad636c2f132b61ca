"""The one download view for every uploaded file, and the registry that tells it who may read what.

Each app declares its kinds in ``<app>/attachments.py`` (autodiscovered when the apps load): the model, the
file field, the shown name, and a ``check(request, row)`` that raises Http404 when the row is outside what
the user may read (the app's own scoped selector), so the rule stays with the app that owns the record.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from django.http import Http404

from dangjian.lib import uploads


@dataclasses.dataclass(frozen=True)
class Kind:
    model: type
    check: Callable  # (request, row) -> None; raises Http404 when the user may not read the row
    field: str = "file"
    name_of: Callable = lambda row: getattr(row, "name", "") or None


_KINDS: dict[str, Kind] = {}


def register(key: str, **kwargs) -> Kind:
    _KINDS[key] = kind = Kind(**kwargs)
    return kind


def kinds() -> dict[str, Kind]:
    return dict(_KINDS)


def download(request, pk: int, kind: str):
    """Serve one stored file after the owning app's scope check; 404 for anything not readable.

    Login is the middleware's (only /public/ URLs are open, and their kinds check publication)."""
    k = _KINDS.get(kind)
    if k is None:
        raise Http404("文件不存在")
    row = k.model._default_manager.filter(pk=pk).first()
    if row is None:
        raise Http404("文件不存在")
    k.check(request, row)
    stored = getattr(row, k.field)
    if not stored:
        raise Http404("文件不存在")
    try:
        return uploads.download(stored, k.name_of(row))
    except (FileNotFoundError, OSError) as exc:
        raise Http404("文件已不在服务器上，请联系系统管理员从备份中恢复") from exc
