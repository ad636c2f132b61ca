"""Run inside the probe server's environment (`dangjian shell -c`): print, as JSON, what an outside client
needs to aim its requests — every route of the URL conf, and for each persona the ids of objects of every kind
in orgs that persona may not see, plus the names of the people there. Reads only."""

import json

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from dangjian.accounts.scope import visible_org_ids
from dangjian.lib import clock
from dangjian.members.models import Person
from dangjian.orgs.models import Org

PERSONAS = {"member": "dangyuan", "other_secretary": "shiyan", "bureau": "jyj"}


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            cb = p.callback
            module = getattr(cb, "__module__", "") or ""
            yield {"route": prefix + str(p.pattern), "module": module, "name": p.name or ""}


def org_path(model, depth=0):
    """The ORM lookup from ``model`` to its Org (``org``, ``person__org``, ``meeting__org``…), or None."""
    if model is Org:
        return ""
    if depth > 2:
        return None
    fks = [f for f in model._meta.get_fields() if isinstance(f, models.ForeignKey)]
    for f in sorted(fks, key=lambda f: (f.name != "org", f.name)):
        if f.related_model is Org and f.name == "org":
            return "org"
    for f in sorted(fks, key=lambda f: (f.name not in ("person", "case", "meeting"), f.name)):
        if f.related_model in (User,) or f.related_model is model:
            continue
        sub = org_path(f.related_model, depth + 1)
        if sub is not None and f.related_model is not Org:
            return f"{f.name}__{sub}" if sub else f.name
    return None


routes = [r for r in walk(get_resolver().url_patterns) if not r["route"].startswith(("static", "media", "__"))]
kinds = []
for model in apps.get_models():
    if not model.__module__.startswith("dangjian.") or model is Org:
        continue
    path = org_path(model)
    if path is None:
        continue
    kinds.append((model, path))

out = {
    "routes": routes,
    "personas": {},
    "year": clock.today().year,
    "orgs": {o.code: o.name for o in Org.objects.all()},
}
everyone_names = {}
for p in Person.objects.values("name", "org_id"):
    everyone_names.setdefault(p["name"], set()).add(p["org_id"])
for persona, username in PERSONAS.items():
    user = User.objects.get(username=username)
    seen = set(visible_org_ids(user).values_list("id", flat=True))
    foreign_orgs = Org.objects.exclude(id__in=seen)
    own = (
        Org.objects.filter(id__in=seen, kind="branch").order_by("path").first()
        or Org.objects.filter(id__in=seen).first()
    )
    ids = {}
    for model, path in kinds:
        key = f"{model._meta.app_label}.{model.__name__}"
        qs = model._default_manager.filter(**{f"{path}__id__in" if path else "id__in": foreign_orgs.values("id")})
        if not foreign_orgs.exists():  # nothing is out of this persona's scope: aim at its own objects
            qs = model._default_manager.all()
        pk = qs.order_by("pk").values_list("pk", flat=True).first()
        if pk is not None:
            ids[key] = pk
    # names of people only in orgs this persona may not see, and long enough not to occur by chance
    foreign_names = sorted(n for n, orgs in everyone_names.items() if orgs and not (orgs & seen) and len(n) >= 2)
    foreign_person_ids = list(Person.objects.exclude(org_id__in=seen).values_list("pk", flat=True)[:50])
    target = foreign_orgs.filter(kind="branch").order_by("path").first() or foreign_orgs.first() or own
    out["personas"][persona] = {
        "username": username,
        "ids": ids,
        "foreign_names": foreign_names,
        "foreign_person_ids": foreign_person_ids,
        "foreign_code": target.code if target else "",
        "foreign_org_name": target.name if target else "",
        "has_foreign": foreign_orgs.exists(),
        "own_code": own.code if own else "",
    }
# anonymous aims at everything
out["personas"]["anonymous"] = dict(out["personas"]["other_secretary"], username="")
# API tokens the way the README gives them (`dangjian token 用户名`), in this one process
import io  # noqa: E402

from django.core.management import call_command  # noqa: E402

out["tokens"] = {}
for username in PERSONAS.values():
    buf = io.StringIO()
    call_command("token", username, stdout=buf)
    out["tokens"][username] = buf.getvalue().strip().split()[-1]
print("PROBE-INVENTORY " + json.dumps(out, ensure_ascii=False))
