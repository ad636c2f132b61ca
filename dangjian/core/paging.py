"""The one pager of list pages: 50 rows a page, `?page=` kept with the page's other filters."""

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def page_of(request, items, per_page: int = PER_PAGE) -> Page:
    """The requested page of ``items`` (a queryset or a list); a missing, malformed or too large page number
    gives the first or the last page, never an error. Render with {% include "_pager.html" %}."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
