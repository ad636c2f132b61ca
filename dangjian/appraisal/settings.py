"""The LocalSettings in force for an org (bureau settings) and for a cycle (its fixed grade scheme)."""

from dangjian.rules.settings import DEFAULTS, LocalSettings


def org_settings(org) -> LocalSettings:
    try:
        from dangjian.rulebook.selectors import local_settings_for
    except ImportError:  # rulebook not installed: the engine defaults
        return DEFAULTS
    return local_settings_for(org)


def cycle_settings(cycle) -> LocalSettings:
    """The org's settings with the grade scheme the cycle was opened with."""
    return org_settings(cycle.org).with_changes(appraisal_grades=cycle.grades_scheme)
