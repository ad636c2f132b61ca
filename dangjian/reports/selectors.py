"""Reads of the reports app, scoped through org_get (out of scope → 404)."""

from dangjian.orgs.selectors import org_get

from .models import SummaryDraft


def report_org(user, code: str):
    return org_get(user, code=code, manage=True)


def draft_for(org, year: int, kind: str) -> SummaryDraft | None:
    return SummaryDraft.objects.filter(org=org, year=year, kind=kind).select_related("edited_by").first()
