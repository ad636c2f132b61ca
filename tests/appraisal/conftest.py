"""Helpers for appraisal tests: branch A with a third member (张敏, user ``zhang``) and an open cycle."""

import datetime

import pytest

from tests.conftest import add_person


@pytest.fixture
def branch(world):
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment

    zhang = add_person(world.branch_a, "张敏", actor=world.admin, seq=4)
    u = User.objects.create_user("zhang", "", "pw-zhang")
    RoleAssignment.objects.create(user=u, org=world.branch_a, role="member")
    zhang.user = u
    zhang.save(update_fields=["user"])
    world.zhang, world.zhang_user = zhang, u
    return world


def open_cycle(client, world, year=None):
    from dangjian.appraisal.models import AppraisalCycle

    year = year or datetime.date.today().year
    client.force_login(world.alice)
    resp = client.post("/appraisal/org/BRA/open/", {"year": year})
    assert resp.status_code == 302, resp.content.decode()[:2000]
    return AppraisalCycle.objects.get(org=world.branch_a, year=year)


def go(client, cycle, *stages):
    for to in stages:
        resp = client.post(f"/appraisal/{cycle.pk}/stage/", {"to": to}, follow=True)
        assert resp.status_code == 200
    cycle.refresh_from_db()
    return cycle


TO_VOTING = ("self_evaluation", "mutual_evaluation", "voting")


def evals(cycle):
    return {e.person.name: e for e in cycle.evaluations.select_related("person")}
