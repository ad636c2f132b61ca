"""The appraisal home lists the managed orgs 50 to a page (the shared pager)."""

import re

import pytest

from dangjian.orgs.services import org_create

pytestmark = pytest.mark.django_db


def test_home_lists_fifty_orgs_a_page(client, world):
    for i in range(60):
        org_create(actor=world.admin, kind="branch", name=f"第{i + 1}支部", code=f"P{i:02d}", parent=world.bureau)
    client.force_login(world.bob)  # the bureau officer manages the bureau, branch A and these 60 branches
    names = []
    for n in (1, 2):
        page = client.get(f"/appraisal/?page={n}").content.decode()
        names += re.findall(r'href="/appraisal/org/([A-Z0-9-]+)/open/"', page)
        assert f"第 {n} / 2 页" in page
    # 60 new branches + 飞龙中学党支部 (BRA) can open a cycle; the bureau itself cannot, and sits on page 1.
    assert len(names) == len(set(names)) == 61
