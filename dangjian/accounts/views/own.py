"""One's own account (/account/…): name and roles, password, API token."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from dangjian.core.forms import apply_errors

from .. import selectors, services, session
from ..authority import is_account_admin
from ..forms import PasswordChangeForm


def account(request):
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "roles": selectors.roles_of(user),
            "token": selectors.token_of(user),
            "form": PasswordChangeForm(),
            "must_change": selectors.must_change(user),
            "is_account_admin": is_account_admin(user),
        },
    )


def password(request):
    user = request.user
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(user=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            update_session_auth_hash(request, user)  # stay logged in here; other sessions end
            session.password_changed(request)
            messages.success(request, "密码已修改")
            nxt = request.GET.get("next", "")
            if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
                return redirect(nxt)
            return redirect("account")
    return render(request, "accounts/password.html", {"form": form, "must_change": selectors.must_change(user)})


def api_token(request):
    """/account/token/: see, regenerate or revoke one's own API token (the page side of `dangjian token`)."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if services.token_revoke(user=request.user):
                messages.success(request, "令牌已作废，使用它的程序将无法再访问")
        else:
            _key, had = services.token_rotate(user=request.user)
            messages.success(request, "已生成新令牌，旧令牌已失效" if had else "已生成令牌")
        return redirect("api_token")
    base = request.build_absolute_uri("/api/v1/")
    return render(request, "accounts/api_token.html", {"token": selectors.token_of(request.user), "api_base": base})
