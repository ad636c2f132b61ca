from django.contrib.auth.middleware import LoginRequiredMiddleware

# The API authenticates itself (token or session) and answers 401 in JSON; public pages need no login.
OPEN_PREFIXES = ("/api/", "/public/", "/static/")


class LoginRequired(LoginRequiredMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(OPEN_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
