import pytest


@pytest.fixture(autouse=True)
def fresh_holiday_table():
    """The DB holiday table caches in memory; a rolled-back test must not leak its rows."""
    from dangjian.rulebook import holidays

    holidays.install()
    holidays.invalidate()
    yield
    holidays.invalidate()
