"""`dangjian serve` forks gunicorn workers from the process that ran the system checks; the checks query the
database (dangjian.E101), so the master must hand no open connection to its workers: one PostgreSQL connection
shared by several workers mixed their result rows under the load test (bench/load/, HTTP 500 with
"generator raised StopIteration" in Model.from_db)."""

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings


@pytest.mark.django_db(transaction=True)
def test_serve_closes_the_checks_database_connections_before_gunicorn_forks(monkeypatch):
    from gunicorn.app.base import BaseApplication

    seen = {"events": []}
    close_all = connections.close_all

    def spy_close_all():
        seen["events"].append("close_all")
        close_all()

    def fake_run(app):  # where gunicorn would fork its workers
        seen["events"].append("fork")
        # Django never closes the test run's in-memory SQLite database (it would vanish); any other stays shut.
        seen["open"] = [
            alias
            for alias in connections
            if connections[alias].connection is not None
            and not getattr(connections[alias], "is_in_memory_db", lambda: False)()
        ]
        seen["app"] = app.load()

    monkeypatch.setattr(connections, "close_all", spy_close_all)
    monkeypatch.setattr(BaseApplication, "run", fake_run)
    with connections["default"].cursor() as cur:  # the master holds a connection, as after the checks
        cur.execute("SELECT 1")
    assert connections["default"].connection is not None
    with override_settings(DEBUG=False):
        call_command("serve", "--workers", "1")
    assert seen["events"] == ["close_all", "fork"]
    assert seen["open"] == []
    assert callable(seen["app"])
