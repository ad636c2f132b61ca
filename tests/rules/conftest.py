"""Shared fixtures for the rule-engine tests (pure Python: no database, no Django settings)."""

import pytest

from dangjian.rules import workdays


@pytest.fixture(autouse=True)
def _clean_holiday_table():
    """Every test starts and ends with no holiday overrides installed."""
    workdays.clear_holiday_overrides()
    yield
    workdays.clear_holiday_overrides()
