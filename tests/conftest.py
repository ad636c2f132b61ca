"""Shared personas (DESIGN.md): alice is secretary of branch A, bob the bureau officer above it,
charlie the secretary of unrelated branch B (another bureau), dave a plain member of branch A."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# CI machines are small and busy: judge properties by their examples, not by wall-clock speed.
hypothesis_settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("ci")

from dangjian.lib.idcard import make as make_id  # noqa: E402 (after the hypothesis profile)

# The day the suite lives on (DESIGN.md: time is an input). Every test runs with the whole process clock
# moved here (time-machine, ticking), so no test passes or fails because of the day it runs; a test that
# needs another day says so with @pytest.mark.today("2027-01-05") or travels itself.
SUITE_NOW = datetime.datetime(2026, 11, 22, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
# Started as this file is imported, before any other conftest or test module: some compute dates at import.
_SUITE_CLOCK = time_machine.travel(SUITE_NOW, tick=True)
_SUITE_CLOCK.start()


def add_person(org, name, *, actor=None, seq=1, gender="female", birth=datetime.date(1985, 4, 12), **extra):
    from dangjian.members.services import person_create

    values = dict(
        name=name,
        gender=gender,
        birth_date=birth,
        id_number=make_id("330203", birth, seq, gender),
        status="full_member",
        join_date=datetime.date(2010, 6, 20),
        confirmation_date=datetime.date(2011, 6, 20),
        education="bachelor",
        professional_title="intermediate",
        category="employed",
    )
    values.update(extra)
    return person_create(actor=actor, org=org, **values)


def pytest_configure(config):
    config.addinivalue_line("markers", "today(date): run the test with the clock at that date (10:00 China time)")


def pytest_unconfigure(config):
    _SUITE_CLOCK.stop()


@pytest.fixture(autouse=True)
def _pinned_clock(request):
    marker = request.node.get_closest_marker("today")
    when = SUITE_NOW
    if marker:
        day = marker.args[0]
        day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
        when = SUITE_NOW.replace(year=day.year, month=day.month, day=day.day)
    with time_machine.travel(when, tick=True):
        yield


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    # The default PBKDF2 cost makes every create_user take ~0.5 s; tests only need a working hash.
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def world(db):
    from django.contrib.auth.models import User

    from dangjian.accounts.models import RoleAssignment
    from dangjian.orgs.services import org_create

    admin = User.objects.create_superuser("admin", "", "pw-admin")
    bureau = org_create(actor=admin, kind="committee", name="江北区教育局党委", code="BUREAU")
    other_bureau = org_create(actor=admin, kind="committee", name="昆山市教育局党委", code="OTHER")
    branch_a = org_create(actor=admin, kind="branch", name="飞龙中学党支部", code="BRA", parent=bureau, unit="飞龙中学")
    group_a = org_create(actor=admin, kind="group", name="第一党小组", code="BRA-G1", parent=branch_a)
    branch_b = org_create(actor=admin, kind="branch", name="昆山二中第一支部", code="BRB", parent=other_bureau)

    def user(name, org, role, **kw):
        u = User.objects.create_user(name, "", f"pw-{name}", first_name=name)
        RoleAssignment.objects.create(user=u, org=org, role=role, **kw)
        return u

    alice = user("alice", branch_a, "secretary")
    bob = user("bob", bureau, "bureau_officer", can_see_id_numbers=True)
    charlie = user("charlie", branch_b, "secretary")
    dave = user("dave", branch_a, "member")
    person_a = add_person(branch_a, "王芳", actor=admin, seq=1, group=group_a)
    person_dave = add_person(branch_a, "丁伟", actor=admin, seq=2, gender="male", birth=datetime.date(1990, 1, 5))
    person_dave.user = dave
    person_dave.save(update_fields=["user"])
    person_b = add_person(branch_b, "李强", actor=admin, seq=3, gender="male")
    return SimpleNamespace(**locals())


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
