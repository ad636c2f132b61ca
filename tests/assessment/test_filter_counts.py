"""Issue #19: the results page's stage filter counts what its table shows ("待支部自评 4" beside 3 × 未开始 and
1 × 待支部自评 was the defect). Each chip's number is checked against the table's own 环节 column."""

import re

import pytest

from dangjian.assessment.models import Assessment

from .conftest import make_rubric

pytestmark = pytest.mark.django_db


def chips(html):
    nav = re.search(r'<ul class="nav nav-pills small" id="stage-filter">(.*?)</ul>', html, re.DOTALL).group(1)
    return {label: (int(n), href) for href, label, n in re.findall(r'href="([^"]*)">\s*([^<\d]+?)\s+(\d+)\s*</a>', nav)}


def stage_column(html):
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.DOTALL).group(1)
    return [
        re.sub(r"<[^>]+>", "", row.rsplit("<td>", 1)[-1]).strip()
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)
        if "<td" in row
    ]


def test_each_filter_count_matches_the_rows_it_shows(world, client):
    from dangjian.orgs.services import org_create

    for i in (2, 3, 4):
        org_create(actor=world.admin, kind="branch", name=f"第{i}支部", code=f"BR{i}", parent=world.bureau)
    rubric = make_rubric(world)
    Assessment.objects.filter(rubric=rubric, org__code="BR2").update(started=True)  # one branch began its 自评
    client.force_login(world.bob)
    page = client.get(f"/assessment/rubrics/{rubric.pk}/results/").content.decode()
    shown = stage_column(page)
    assert sorted(shown) == ["待支部自评", "未开始", "未开始", "未开始"]
    counted = chips(page)
    assert counted["全部"][0] == 4
    for label, (n, href) in counted.items():
        if label == "全部":
            continue
        assert n == shown.count(label), label
        filtered = stage_column(client.get(f"/assessment/rubrics/{rubric.pk}/results/{href}").content.decode())
        assert filtered == [label] * n or (n == 0 and filtered == ["暂无"]), (label, filtered)
