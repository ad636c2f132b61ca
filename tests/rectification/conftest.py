import datetime
import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.conftest import add_person

TODAY = datetime.date.today()
DUE = TODAY + datetime.timedelta(days=20)


@pytest.fixture
def branch_c(world):
    """A second branch under BUREAU (no login of its own) with one member, 陈静."""
    from dangjian.orgs.services import org_create

    world.branch_c = org_create(
        actor=world.admin, kind="branch", name="实验小学党支部", code="BRC", parent=world.bureau
    )
    world.person_c = add_person(world.branch_c, "陈静", actor=world.admin, seq=7)
    return world


def raise_links(page: str) -> list[dict]:
    """The 列入整改 links on the findings page, each as {"url", "params"}."""
    out = []
    for href in re.findall(r'href="(/rectification/org/[^"/]+/new/\?[^"]+)"', page):
        url = html.unescape(href)
        out.append({"url": url, "params": dict(parse_qsl(urlsplit(url).query))})
    return out


def raise_through_page(client, link, *, owner, due=DUE, **extra):
    """Open the prefilled form (as the button does) and submit it with owner and due date."""
    form_page = client.get(link["url"])
    assert form_page.status_code == 200
    assert html.escape(link["params"]["problem"][:20]) in form_page.content.decode()  # prefilled
    data = {k: v for k, v in link["params"].items()}
    data.update(
        {
            "org": extra.pop("org", None) or _org_id(link["url"]),
            "owner": owner.pk if owner else "",
            "due_date": due.isoformat(),
            **extra,
        }
    )
    return client.post(link["url"].split("?")[0], data)


def _org_id(url):
    from dangjian.orgs.models import Org

    return Org.objects.get(code=url.split("/")[3]).pk
