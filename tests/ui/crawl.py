"""Walk every GET page of the URL conf as one user, with real ids, and read what a person would read.

Shared by the page-text test (no English or internal names) and the accessibility checks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

# The model behind each <int:pk> (by URL name); a page whose id is not listed is opened with the first row
# the user may see of the model its view module names, or skipped when none fits.
PK_MODELS = {
    "accounts:detail": "auth.User",
    "recruitment:case": "recruitment.DevelopmentCase",
    "recruitment:publicity_new": "recruitment.DevelopmentCase",
    "meetings:detail": "meetings.Meeting",
    "meetings:edit": "meetings.Meeting",
    "meetings:attendance": "meetings.Meeting",
    "appraisal:cycle": "appraisal.AppraisalCycle",
    "appraisal:assess": "appraisal.AppraisalCycle",
    "appraisal:paper": "appraisal.AppraisalCycle",
    "appraisal:vote": "appraisal.Evaluation",
    "appraisal:evaluation": "appraisal.Evaluation",
    "appraisal:followup_new": "appraisal.Evaluation",
    "learning:person": "members.Person",
    "learning:quiz": "learning.Quiz",
    "learning:quiz_take": "learning.Quiz",
    "learning:quiz_paper": "learning.Quiz",
    "disclosure:item": "disclosure.DisclosureItem",
    "public_disclosure:item": "disclosure.DisclosureItem",
    "relations:transfer": "relations.Transfer",
    "elections:detail": "elections.Election",
    "elections:vote": "elections.Election",
    "plans:task_detail": "plans.Task",
    "plans:inbox_detail": "plans.TaskRecipient",
    "plans:notice_detail": "plans.MemberNotice",
    "plans:me_notice": "plans.MemberReceipt",
    "plans:plan_detail": "plans.WorkPlan",
    "assessment:rubric": "assessment.Rubric",
    "assessment:rubric_edit": "assessment.Rubric",
    "assessment:results": "assessment.Rubric",
    "assessment:assessment": "assessment.Assessment",
    "rectification:detail": "rectification.Rectification",
    "rectification:edit": "rectification.Rectification",
    "members:detail": "members.Person",
    "members:edit": "members.Person",
    "members:leave": "members.Person",
    "members:export": "members.Person",
    "dues:reverse": "dues.DuesPayment",
}
SKIP_PARAMS = {"token", "key", "fmt", "item_pk", "ra"}
DOWNLOAD = re.compile(r"\.(xlsx|pdf|docx|ics)$|<str:kind>\.|/(file|files|attachment|certificate)/")
SKIP_NAMES = {"logout", "calendar_token_rotate", "rulebook:holidays_mark", "rulebook:holidays_remove"}


def routes():
    def walk(patterns, prefix="", ns=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(
                    p.url_patterns, prefix + str(p.pattern), ns + (f"{p.namespace}:" if p.namespace else "")
                )
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), ns + (p.name or "")

    for route, name in walk(get_resolver().url_patterns):
        if route.startswith(("api/", "static", "media")) or DOWNLOAD.search(route) or name in SKIP_NAMES:
            continue
        params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        if any(p in SKIP_PARAMS for _, p in params):
            continue
        yield route, name, params


def _model_for(name):
    label = PK_MODELS.get(name)
    if not label:
        return None
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _visible_pk(model, user):
    """The newest row of ``model`` the user works with: their own (a member), else one of their orgs'."""
    from dangjian.accounts.scope import visible_org_ids

    qs = model._default_manager.order_by("-pk")
    fields = {f.name for f in model._meta.get_fields()}
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    tries = []
    if model._meta.label == "members.Person":
        tries.append(qs.filter(org_id__in=visible_org_ids(user, manage=True)))
        tries.append(qs.filter(user=user))
    if person is not None and "person" in fields:
        tries.append(qs.filter(person=person))
    if "org" in fields:
        tries.append(qs.filter(org_id__in=visible_org_ids(user, manage=True)))
        tries.append(qs.filter(org_id__in=visible_org_ids(user)))
    tries.append(qs)
    for q in tries:
        obj = q.first()
        if obj is not None:
            return obj.pk
    return None


def urls_for(user, code: str, year: int):
    """(url name, path) of every GET page for ``user``: ``code`` fills <code>, real ids fill <pk>."""
    out = []
    for route, name, params in routes():
        path = route
        for conv, param in params:
            if param == "code":
                value = code
            elif param == "year":
                value = year
            elif param == "kind":
                value = "applicant"
            elif param == "pk":
                model = _model_for(name)
                value = _visible_pk(model, user) if model else None
            else:
                value = None
            if value is None:
                break
            path = re.sub(rf"<(?:\w+:)?{param}>", str(value), path, count=1)
        else:
            out.append((name, "/" + path))
    return out


class _Text(HTMLParser):
    """What a person reads: text outside <script>/<style>, and the attributes screen readers and tooltips say."""

    SPOKEN = ("title", "placeholder", "aria-label", "alt")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        a = dict(attrs)
        for k in self.SPOKEN:
            if a.get(k):
                self.parts.append(a[k])
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.parts.append(a["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def readable_text(html: str) -> list[str]:
    p = _Text()
    p.feed(html)
    return p.parts


class _Controls(HTMLParser):
    """Form controls and what names them: <label for>, a wrapping <label>, aria-label(ledby) or title."""

    def __init__(self):
        super().__init__()
        self.label_for: set[str] = set()
        self.controls: list[dict] = []
        self._in_label = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label":
            self._in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea"):
            if tag == "input" and a.get("type", "text") in ("hidden", "submit", "button", "reset", "image"):
                return
            self.controls.append({**a, "_tag": tag, "_wrapped": self._in_label > 0})

    def handle_endtag(self, tag):
        if tag == "label" and self._in_label:
            self._in_label -= 1


def unlabelled_controls(html: str) -> list[str]:
    p = _Controls()
    p.feed(html)
    out = []
    for c in p.controls:
        if c["_wrapped"] or c.get("aria-label") or c.get("aria-labelledby") or c.get("title"):
            continue
        if c.get("id") and c["id"] in p.label_for:
            continue
        out.append(f'<{c["_tag"]} name="{c.get("name", "")}">')
    return out
