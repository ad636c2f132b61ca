from django.contrib.auth.middleware import LoginRequiredMiddleware

# The API authenticates itself (token or session) and answers 401 in JSON; public pages need no login.
OPEN_PREFIXES = ("/api/", "/public/", "/static/")


class LoginRequired(LoginRequiredMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(OPEN_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


NUL_MESSAGE = "请求中含有无法处理的控制字符（NUL），请检查后重试"


class RefuseNul:
    """A NUL character in the path or query string can never name anything here, and PostgreSQL refuses it in
    any string it is given (a 500 for the first lookup that passes it on): answer 400 before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from urllib.parse import unquote

        from django.http import HttpResponseBadRequest, JsonResponse

        raw = request.path + "?" + request.META.get("QUERY_STRING", "")
        if "\x00" in raw or "\x00" in unquote(raw) or self._nul_in_body(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": NUL_MESSAGE, "errors": []}, status=400, json_dumps_params={"ensure_ascii": False}
                )
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _nul_in_body(request) -> bool:
        """A JSON string "\\u0000" or a form field "%00" (uploads, which are binary, are not looked at)."""
        kind = request.META.get("CONTENT_TYPE", "")
        if request.method not in ("POST", "PUT", "PATCH") or kind.startswith("multipart/"):
            return False
        body = request.body
        if kind.startswith("application/json"):
            return b"\\u0000" in body or b"\x00" in body
        if kind.startswith("application/x-www-form-urlencoded"):
            return b"%00" in body or b"\x00" in body
        return False
