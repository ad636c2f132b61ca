"""/account/token/: a logged-in user sees and rotates their own API token (the page side of `dangjian token`)."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dangjian.accounts.models import ApiToken

from .auth import token_for


@require_http_methods(["GET", "POST"])
def my_token(request):
    if request.method == "POST":
        had = ApiToken.objects.filter(user=request.user).exists()
        token_for(request.user, reset=True)
        messages.success(request, "已生成新令牌，旧令牌已失效" if had else "已生成令牌")
        return redirect("api_token")
    token = ApiToken.objects.filter(user=request.user).first()
    base = request.build_absolute_uri("/api/v1/")
    return render(request, "accounts/api_token.html", {"token": token, "api_base": base})
