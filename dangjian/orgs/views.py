from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from dangjian.core import versioning
from dangjian.core.audit import history
from dangjian.core.forms import apply_errors

from . import services
from .findings import org_findings
from .forms import MoveForm, OrgForm
from .selectors import active_children, current_committee, move_targets, org_fresh, org_get, orgs_in_tree


def tree(request):
    orgs = orgs_in_tree(request.user)
    return render(request, "orgs/tree.html", {"orgs": orgs, "base_depth": min((o.depth for o in orgs), default=0)})


def detail(request, code):
    org = org_get(request.user, code=code, manage=True)
    term, posts = current_committee(org)
    children = active_children(org)
    return render(
        request,
        "orgs/detail.html",
        {
            "org": org,
            "term": term,
            "posts": posts,
            "children": children,
            "findings": org_findings(org),
            "history": history(org)[:20],
        },
    )


def create(request):
    parent = org_get(request.user, code=request.GET.get("parent"), manage=True) if request.GET.get("parent") else None
    if parent is None and not request.user.is_superuser:
        parent = org_get(request.user, code="", manage=True)  # 404: only admins create roots
    form = OrgForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            org = services.org_create(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, f"已创建{org.name}")
            return redirect("orgs:detail", org.code)
    return render(request, "orgs/form.html", {"form": form, "parent": parent, "title": "新建组织"}, status=status)


def edit(request, code):
    org = org_get(request.user, code=code, manage=True)
    form = OrgForm(request.POST or None, instance=org_fresh(org))
    status, stale = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            services.org_update(actor=request.user, org=org, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        except versioning.StaleEdit as exc:
            # Show what the other officer saved, with its version, to redo the change on top of it.
            stale, status = exc.message, 409
            form = OrgForm(instance=org_fresh(org))
        else:
            messages.success(request, "已保存")
            return redirect("orgs:detail", org.code)
    return render(
        request,
        "orgs/form.html",
        {"form": form, "org": org, "title": f"编辑 {org.name}", "stale": stale},
        status=status,
    )


def move(request, code):
    org = org_get(request.user, code=code, manage=True)
    parents = move_targets(request.user, org)
    form = MoveForm(request.POST or None, parents=parents)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.org_move(actor=request.user, org=org, new_parent=form.cleaned_data["new_parent"])
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, "已调整隶属关系")
            return redirect("orgs:detail", org.code)
    return render(
        request, "orgs/form.html", {"form": form, "org": org, "title": f"调整 {org.name} 的上级组织"}, status=status
    )
