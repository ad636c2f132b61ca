"""Thin views for 党务公开: the member's 公开栏, the org's management list, items, the 书记信箱, the public page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.accounts.scope import can_manage
from dangjian.core import workflow
from dangjian.core.forms import apply_errors
from dangjian.core.paging import page_of
from dangjian.lib import clock
from dangjian.orgs.selectors import org_get, top_orgs
from dangjian.rules.disclosure import method_findings

from . import selectors, services
from .forms import ItemForm, MessageForm


def home(request):
    today = clock.today()
    feed = page_of(request, selectors.items_feed(request.user, today))
    managed = [o for o in top_orgs(request.user) if can_manage(request.user, o)]
    person = getattr(request.user, "person", None)
    ctx = {"feed": feed, "page": feed, "managed": managed, "person": person}
    return render(request, "disclosure/home.html", ctx)


def org_items(request, code):
    org = org_get(request.user, code=code, manage=True)
    page = page_of(request, selectors.org_items(request.user, org, newest_first=True))
    return render(request, "disclosure/org.html", {"org": org, "items": page, "page": page})


def item_new(request, code):
    org = org_get(request.user, code=code, manage=True)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.disclosure_propose(actor=request.user, org=org, source="manual", **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已提出公开事项，请审核、审批后公开")
            return redirect("disclosure:item", item.pk)
    return render(request, "appraisal/form.html", {"form": form, "title": f"提出党务公开事项 · {org.name}"})


def item_detail(request, pk):
    today = clock.today()
    item = selectors.item_get(request.user, pk, today)
    manager = can_manage(request.user, item.org)
    ctx = {"item": item, "manager": manager, "form": MessageForm(), "attachments": item.attachments.all()}
    if manager:
        scope = "public" if item.scope == "public" else "internal"
        ctx.update(
            steps=selectors.item_steps(item),
            next=workflow.available_statuses(item),
            warnings=method_findings(scope, item.channel, topic=item.topic),
            feedback=[(m, selectors.sender_shown(m, request.user)) for m in selectors.item_feedback(item)],
        )
    return render(request, "disclosure/item.html", ctx)


@require_POST
def item_status(request, pk):
    item = selectors.item_get(request.user, pk, clock.today(), manage=True)
    try:
        services.disclosure_set_status(
            actor=request.user, item=item, to=request.POST.get("to", ""), note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    except ValueError:
        messages.error(request, "未知的状态")
    return redirect("disclosure:item", item.pk)


@require_POST
def attachment_add(request, pk):
    item = selectors.item_get(request.user, pk, clock.today(), manage=True)
    upload = request.FILES.get("file")
    if not upload:
        messages.error(request, "请选择文件")
    else:
        try:
            services.attachment_add(actor=request.user, item=item, upload=upload)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    return redirect("disclosure:item", item.pk)


@require_POST
def feedback(request, pk):
    item = selectors.item_get(request.user, pk, clock.today())
    form = MessageForm(request.POST)
    if form.is_valid():
        services.message_send(actor=request.user, org=item.org, item=item, **form.cleaned_data)
        messages.success(request, "意见已提交，仅本组织负责同志可见")
    else:
        messages.error(request, "请填写内容")
    return redirect("disclosure:item", item.pk)


def mailbox_write(request):
    """书记信箱: a member writes to the secretary of their own branch."""
    person = getattr(request.user, "person", None)
    if person is None or not person.on_roll:
        raise Http404("只有在册党员可以使用书记信箱")
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.message_send(actor=request.user, org=person.org, **form.cleaned_data)
        messages.success(request, f"信件已送达{person.org.name}书记信箱")
        return redirect("disclosure:home")
    mine = selectors.my_messages(request.user)[:50]
    return render(request, "disclosure/write.html", {"form": form, "org": person.org, "mine": mine})


def mailbox(request, code):
    org = org_get(request.user, code=code, manage=True)
    page = page_of(request, selectors.messages_for(request.user, org))
    rows = [(m, selectors.sender_shown(m, request.user)) for m in page]
    return render(request, "disclosure/mailbox.html", {"org": org, "rows": rows, "page": page})


@require_POST
def message_reply(request, pk):
    msg = selectors.message_get(request.user, pk)
    org = msg.org
    try:
        services.message_reply(actor=request.user, message=msg, reply=request.POST.get("reply", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("disclosure:mailbox", org.code)


# ---- public, no login (/public/disclosure/) ----


def public_list(request):
    page = page_of(request, selectors.items_public(clock.today()))
    return render(request, "disclosure/public_list.html", {"items": page, "page": page})


def public_detail(request, pk):
    item = selectors.public_item_get(pk, clock.today())
    return render(request, "disclosure/public_item.html", {"item": item, "attachments": item.attachments.all()})
