"""/status/: what the administrator needs to know about the running system (database, read replica)."""

from django.core.exceptions import PermissionDenied
from django.db import connections
from django.shortcuts import render

from . import dbrouter


def status_page(request):
    if not request.user.is_superuser:
        raise PermissionDenied("只有系统管理员可以查看系统状态")
    primary = connections[dbrouter.PRIMARY]
    engine = "PostgreSQL" if primary.vendor == "postgresql" else "SQLite"
    replica = dbrouter.replica_health(refresh=True) if dbrouter.replica_configured() else None
    return render(
        request,
        "core/status.html",
        {
            "engine": engine,
            "replica": replica,
            "replica_text": replica.text if replica else "未配置只读副本，所有读写都在主库",
            "max_lag": dbrouter.max_lag(),
            "sticky": dbrouter.read_your_writes_seconds(),
        },
    )
