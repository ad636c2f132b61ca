"""党内统计 year-end return: see dangjian/reports/partystats/ (kept importable here for views, API and CLI)."""

from .partystats import (
    check_year,
    filename,
    statistics_xlsx,
    tables,
    year_check,
    year_tables,
)

__all__ = ["check_year", "filename", "statistics_xlsx", "tables", "year_check", "year_tables"]
