"""The person page's "显示" (full 身份证号, audited) and the per-person data export (PIPL access request)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_POST

from dangjian.accounts.scope import can_see_id_numbers
from dangjian.lib.office.names import download_response

from . import privacy
from .selectors import person_get


@require_POST
def reveal_id(request, pk):
    person = person_get(request.user, pk)
    if not can_see_id_numbers(request.user) and person.user_id != request.user.pk:
        raise PermissionDenied("您没有查看完整公民身份号码的权限")
    number = privacy.reveal_id_number(actor=request.user, person=person)
    if request.htmx:
        return render(request, "members/_id_number.html", {"person": person, "revealed_number": number})
    from .views import _manages, _render_detail

    can_manage = _manages(request.user, person)
    return _render_detail(request, person, can_manage=can_manage, for_member=not can_manage, revealed_number=number)


def export(request, pk):
    """GET shows what the export holds; ?format=xlsx|json downloads it (audited)."""
    person = person_get(request.user, pk, manage=True)
    fmt = request.GET.get("format", "")
    if fmt not in ("xlsx", "json"):
        return render(request, "members/export.html", {"person": person})
    content = privacy.export(
        actor=request.user,
        person=person,
        fmt=fmt,
        show_id=can_see_id_numbers(request.user) or person.user_id == request.user.pk,
    )
    return download_response(
        content, f"{person.name}的个人信息.{fmt}", "application/json; charset=utf-8" if fmt == "json" else None
    )
