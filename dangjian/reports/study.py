"""Members below their year's required 学时: read from the learning app's facts (learning/facts.py)."""

from dangjian.learning.facts import short_counts, short_people  # noqa: F401
