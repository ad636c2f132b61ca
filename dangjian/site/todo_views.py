import datetime
import hashlib

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from icalendar import Calendar, Event

from dangjian.core.dbrouter import replica_reads
from dangjian.core.paging import page_of
from dangjian.lib import clock

from . import selectors, services
from .todos import todos_for


@replica_reads
def todo_list(request):
    today = clock.today()
    items = todos_for(request.user, today)
    token = selectors.calendar_token_of(request.user)
    feed = request.build_absolute_uri(reverse("ics_feed", args=[token.key])) if token else ""
    # 50 lines a page (a city officer had 500 lines, 475 KB); the calendar feed keeps every item.
    page = page_of(request, items)
    return render(request, "core/todos.html", {"items": items, "page": page, "today": today, "feed_url": feed})


def calendar_token_rotate(request):
    if request.method == "POST":
        services.calendar_token_rotate(request.user)
    return redirect("todos")


@replica_reads
def ics_feed(request, key):
    token = selectors.calendar_token_by_key(key)
    if token is None:
        raise Http404("日历订阅地址无效")
    cal = Calendar()
    cal.add("prodid", "-//dangjian//todo//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "党建工作待办")
    for item in todos_for(token.user, clock.today()):
        if not item.get("due_date"):
            continue
        ev = Event()
        # stable across requests and processes, so a phone calendar updates events instead of re-adding them
        ev.add("uid", f"{hashlib.sha1(item['key'].encode()).hexdigest()[:20]}@dangjian")
        ev.add("summary", item["title_zh"])
        ev.add("dtstart", item["due_date"])
        ev.add("dtend", item["due_date"] + datetime.timedelta(days=1))
        ev.add("description", f"规则 {item.get('rule_id', '')}  {request.build_absolute_uri(item.get('url', '/'))}")
        cal.add_component(ev)
    return HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
