from ninja.security import APIKeyCookie, HttpBearer

from dangjian.accounts.models import ApiToken


class BearerToken(HttpBearer):
    """Authorization: Bearer <token> (see `dangjian token USERNAME`)."""

    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("user").filter(key=token, user__is_active=True).first()
        if found:
            request.user = found.user
            return found.user
        return None


class SessionAuth(APIKeyCookie):
    """The browser's login session (CSRF-checked for unsafe methods)."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None
