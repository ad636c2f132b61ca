"""Django's flush, allowed past the append-only triggers (audit log, 党费 ledger).

flush empties the whole database (tests between transactional cases, a fresh start); on SQLite it runs
DELETE FROM, which the triggers refuse outside core.audit.maintenance(). PostgreSQL's TRUNCATE fires no
row triggers; the context is harmless there.
"""

from django.core.management.commands.flush import Command as FlushCommand

from dangjian.core.audit import maintenance


class Command(FlushCommand):
    def handle(self, **options):
        with maintenance():
            return super().handle(**options)
