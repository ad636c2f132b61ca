"""One reverse() for a whole table: the URL of a pattern with one integer argument, for many ids."""

from django.urls import reverse

_MARK = 987654321


def url_maker(name: str):
    """A function pk → reverse(name, args=[pk]), reversing once (a reverse per row was a large share of a
    list page's rendering). Call it per request: the script prefix may differ between requests."""
    head, tail = reverse(name, args=[_MARK]).split(str(_MARK), 1)
    return lambda pk: f"{head}{pk}{tail}"
