"""Per-request memo for reads that a page repeats (the user's scope, the nav's role test).

A to-do page asks a dozen modules for `visible_org_ids(user)`; each built the same role query again. Inside
one GET (or HEAD) request the answer cannot change, so the first one is kept until the response is made.
Only safe methods get a memo: a POST may change the roles it would remember. Outside a request (commands,
tasks, tests calling selectors directly) nothing is kept and every call computes afresh.
"""

from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("dangjian_request_memo", default=None)

SAFE = ("GET", "HEAD")


def memo(key, compute):
    """compute() once per safe request for this key; always compute() outside one."""
    store = _memo.get()
    if store is None:
        return compute()
    try:
        return store[key]
    except KeyError:
        value = store[key] = compute()
        return value


class RequestMemo:
    """Middleware: a fresh memo for each GET/HEAD request, dropped when its response is made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE:
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
