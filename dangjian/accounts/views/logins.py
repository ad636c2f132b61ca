"""Managing the logins of one's subtree (/accounts/…).

Initial passwords appear once: in the response to the POST that created or reset them (the slips page).
The slips' PDF is rendered from what that page posts back, for logins the actor manages that have not
yet changed their initial password; nothing is stored in clear.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangjian.core.audit import history
from dangjian.core.forms import apply_errors
from dangjian.lib import clock

from .. import selectors, services
from ..authority import ROLE_ZH, grant_refusal, is_account_admin, manage_refusal
from ..forms import RoleGrantForm, UserCreateForm

PAGE_SIZE = 50


def _need_admin(request):
    if not is_account_admin(request.user):
        raise Http404("无权管理账号")


# ---- managing logins -------------------------------------------------------------------------------


def user_list(request):
    _need_admin(request)
    orgs = selectors.admin_orgs(request.user)
    code = request.GET.get("org", "")
    org = selectors.admin_org_get(request.user, code) if code else None
    q, status = request.GET.get("q", "").strip(), request.GET.get("status", "")
    page = Paginator(selectors.users_list(request.user, org=org, q=q, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/list.html",
        {
            "page": page,
            "orgs": orgs,
            "org": org,
            "q": q,
            "status": status,
            "bulk_org": org or (orgs[0] if orgs else None),
        },
    )


def user_create(request):
    _need_admin(request)
    orgs = selectors.admin_orgs(request.user)
    person = None
    if "person" in request.GET:
        pid = request.GET["person"]
        person = selectors.person_for_new_login(request.user, pid)
        if person is None:
            raise Http404("人员不存在、已有账号或不在您管理的范围内")
    initial = {"name": person.name, "org": person.org.code} if person else {"org": request.GET.get("org", "")}
    form = UserCreateForm(request.POST or None, orgs=orgs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        org = selectors.admin_org_get(request.user, data["org"])
        try:
            user, pw = services.user_create(
                actor=request.user,
                name=data["name"],
                org=org,
                role=data["role"],
                person=person,
                username=data["username"],
                can_see_id_numbers=data["can_see_id_numbers"],
            )
        except (ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            rows = [{"name": user.first_name, "username": user.username, "password": pw, "org": org}]
            return _slips(request, rows, f"已为{user.first_name}开通账号")
    return render(request, "accounts/form.html", {"form": form, "person": person, "title": "新建账号"})


def user_bulk(request):
    """Open logins for the on-roll people of an org's subtree that have none (role 党员 on their branch)."""
    _need_admin(request)
    orgs = selectors.admin_orgs(request.user)
    code = request.GET.get("org") or (orgs[0].code if orgs else "")
    org = selectors.admin_org_get(request.user, code)
    candidates = list(selectors.people_without_login(request.user, org))
    error = ""
    if request.method == "POST":
        wanted = {int(x) for x in request.POST.getlist("person") if x.isdigit()}
        chosen = [p for p in candidates if p.pk in wanted]
        if not chosen:
            error = "请至少选择一人"
        else:
            try:
                rows = services.users_create_from_roster(actor=request.user, people=chosen)
            except (ValidationError, PermissionDenied) as exc:
                error = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            else:
                return _slips(request, rows, f"已为 {len(rows)} 人开通账号")
    return render(request, "accounts/bulk.html", {"org": org, "orgs": orgs, "candidates": candidates, "error": error})


def user_detail(request, pk):
    _need_admin(request)
    target = selectors.user_get(request.user, pk)
    return _detail(request, target, RoleGrantForm(orgs=selectors.admin_orgs(request.user)))


def _detail(request, target, form, status=200):
    roles = selectors.roles_of(target)
    for ra in roles:
        ra.revocable = grant_refusal(request.user, ra.role, ra.org) is None
    events = list(history(target)[:30])
    for e in events:
        e.kind_zh = services.EVENT_ZH.get(e.kind, e.kind)
        e.role_zh = ROLE_ZH.get(e.data.get("role"), "")
    return render(
        request,
        "accounts/detail.html",
        {
            "target": target,
            "roles": roles,
            "form": form,
            "must_change": selectors.must_change(target),
            "manage_refusal": manage_refusal(request.user, target),
            "history": events,
            "token": selectors.token_of(target),
        },
        status=status,
    )


@require_POST
def role_grant(request, pk):
    _need_admin(request)
    target = selectors.user_get(request.user, pk)
    form = RoleGrantForm(request.POST, orgs=selectors.admin_orgs(request.user))
    if form.is_valid():
        org = selectors.admin_org_get(request.user, form.cleaned_data["org"])
        try:
            services.role_grant(
                actor=request.user,
                user=target,
                org=org,
                role=form.cleaned_data["role"],
                can_see_id_numbers=form.cleaned_data["can_see_id_numbers"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已设置：{org.name} {ROLE_ZH[form.cleaned_data['role']]}")
            return redirect("accounts:detail", target.pk)
    return _detail(request, target, form, status=422)


@require_POST
def role_revoke(request, pk, ra):
    _need_admin(request)
    target = selectors.user_get(request.user, pk)
    assignment = selectors.role_of(target, ra)
    if assignment is None:
        raise Http404("角色不存在")
    try:
        services.role_revoke(actor=request.user, assignment=assignment)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已撤销：{assignment.org.name} {assignment.get_role_display()}")
    return redirect("accounts:detail", target.pk)


@require_POST
def user_reset(request, pk):
    _need_admin(request)
    target = selectors.user_get(request.user, pk)
    try:
        pw = services.password_reset(actor=request.user, user=target)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("accounts:detail", target.pk)
    rows = [
        {
            "name": target.first_name or target.username,
            "username": target.username,
            "password": pw,
            "org": services.home_org(target),
        }
    ]
    return _slips(request, rows, f"已重置{target.first_name or target.username}的密码")


@require_POST
def user_active(request, pk, active):
    _need_admin(request)
    target = selectors.user_get(request.user, pk)
    service = services.user_reactivate if active else services.user_deactivate
    try:
        service(actor=request.user, user=target)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, "账号已启用" if active else "账号已停用（记录全部保留，可随时重新启用）")
    return redirect("accounts:detail", target.pk)


# ---- slips -----------------------------------------------------------------------------------------


def _slips(request, rows, headline):
    response = render(
        request,
        "accounts/slips.html",
        {
            "rows": rows,
            "headline": headline,
            "login_url": request.build_absolute_uri(reverse("login")),
            "today": clock.today(),
        },
    )
    response["Cache-Control"] = "no-store"  # the passwords must not come back from the browser's cache
    return response


@require_POST
def slips_pdf(request):
    """The slips as a PDF, from the rows the slips page posts back (only for logins the actor manages
    that still carry their initial password)."""
    _need_admin(request)
    names, users, pws = (request.POST.getlist(k) for k in ("name", "username", "password"))
    if not len(names) == len(users) == len(pws):
        raise Http404("通知单数据不完整")
    rows = []
    for name, username, pw in zip(names, users, pws, strict=True):
        target = selectors.login_named(username)
        if target is None or manage_refusal(request.user, target) or not selectors.must_change(target):
            raise Http404("账号不存在、已修改过密码或不在您管理的范围内")
        rows.append({"name": name, "username": username, "password": pw, "org": services.home_org(target)})
    if not rows:
        raise Http404("没有要打印的账号")
    html = render_to_string(
        "accounts/slips_pdf.html",
        {"rows": rows, "login_url": request.build_absolute_uri(reverse("login")), "today": clock.today()},
    )
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    from dangjian.lib.office.dates import zh_date
    from dangjian.lib.office.names import PDF, download_response

    response = download_response(HTML(string=html).write_pdf(), f"账号通知单（{zh_date(clock.today())}）.pdf", PDF)
    response["Cache-Control"] = "no-store"
    return response
