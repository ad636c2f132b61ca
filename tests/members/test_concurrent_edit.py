"""Two officers edit the same person at once: the second save is refused, never silently overwrites
(issue 18 item 4). Through the edit page as a browser posts it, and with real threads on the database."""

import threading
import time

import pytest
from django.db import OperationalError, connection
from django.test import Client

from dangjian.core import versioning
from dangjian.core.audit import history
from dangjian.members import services
from dangjian.members.models import Person
from tests.html_form import form_data

STALE = "该记录已被他人修改，请刷新后重试"


def _logged_in(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_second_of_two_page_edits_is_refused_and_shown_the_first_ones_values(world):
    pk = world.person_a.pk
    alice, bob = _logged_in(world.alice), _logged_in(world.bob)
    # Both open the edit page before either saves.
    page_a = alice.get(f"/people/{pk}/edit/")
    page_b = bob.get(f"/people/{pk}/edit/")
    assert page_a.status_code == page_b.status_code == 200
    form_a = form_data(page_a.content, containing="version", post="教研组长")
    form_b = form_data(page_b.content, containing="version", phone="13912345678")
    assert form_a["version"] == form_b["version"] == "1"

    saved = alice.post(f"/people/{pk}/edit/", form_a)
    assert saved.status_code == 302
    refused = bob.post(f"/people/{pk}/edit/", form_b)
    assert refused.status_code == 409
    text = refused.content.decode()
    assert STALE in text
    # The form is shown again with what alice saved, so bob redoes his change on top of it.
    shown = form_data(text, containing="version")
    assert shown["post"] == "教研组长" and shown["phone"] == "" and shown["version"] == "2"

    person = Person.objects.get(pk=pk)
    assert person.post == "教研组长" and person.phone == ""  # bob's stale copy wrote nothing
    last = history(person).first()
    assert last.actor == world.alice and set(last.data["changes"]) == {"post"}

    # Bob's redo from the refreshed form keeps alice's change.
    again = bob.post(f"/people/{pk}/edit/", dict(shown, phone="13912345678"))
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.post, person.phone) == ("教研组长", "13912345678")
    last = history(person).first()
    assert last.actor == world.bob and last.data["changes"] == {"phone": ["", "13912345678"]}
    # The person page's change history names each saver.
    page = alice.get(f"/people/{pk}/").content.decode()
    assert "alice" in page and "bob" in page


def test_a_form_opened_before_any_other_write_is_stale(world):
    """Not only the edit page bumps the version: a write from another service (here 流动党员 via the
    relations service path, person_update) makes an open form stale too."""
    pk = world.person_a.pk
    alice = _logged_in(world.alice)
    form = form_data(alice.get(f"/people/{pk}/edit/").content, containing="version", subject="数学")
    services.person_update(
        actor=world.bob,
        person=Person.objects.get(pk=pk),
        kind="person.lost_contact",
        is_lost_contact=True,
        lost_contact_since=world.person_a.recorded_on,
    )
    r = alice.post(f"/people/{pk}/edit/", form)
    assert r.status_code == 409 and STALE in r.content.decode()
    person = Person.objects.get(pk=pk)
    assert person.is_lost_contact and person.subject == ""


def test_the_edit_form_without_a_version_is_refused_as_incomplete(world):
    pk = world.person_a.pk
    alice = _logged_in(world.alice)
    data = form_data(alice.get(f"/people/{pk}/edit/").content, containing="version", version=None, post="X")
    r = alice.post(f"/people/{pk}/edit/", data)
    assert r.status_code == 200 and Person.objects.get(pk=pk).post == ""


def _retry_while_locked(write):
    """The suite's in-memory SQLite (shared cache) answers a second writer "table is locked" at once instead
    of waiting like the file database's busy timeout; wait here as that timeout would. PostgreSQL never
    raises it: the second UPDATE waits on the row lock, then re-checks the version."""
    for _ in range(500):
        try:
            return write()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.01)
    raise AssertionError("database stayed locked")


@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_from_the_same_version_exactly_one_wins(world):
    pk = world.person_a.pk
    loaded = Person.objects.get(pk=pk).version
    barrier = threading.Barrier(2)
    results = []

    def officer(user, field, value):
        try:
            person = Person.objects.get(pk=pk)  # each officer's own copy, read before either saves
            barrier.wait()
            _retry_while_locked(
                lambda: services.person_update(actor=user, person=person, version=loaded, **{field: value})
            )
            results.append(("ok", user.username))
        except versioning.StaleEdit as exc:
            results.append(("refused", exc.message))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=officer, args=a)
        for a in ((world.alice, "post", "教研组长"), (world.bob, "phone", "13912345678"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(k for k, _ in results) == ["ok", "refused"], results
    assert [m for k, m in results if k == "refused"] == [STALE]
    winner = next(name for k, name in results if k == "ok")
    person = Person.objects.get(pk=pk)
    assert person.version == loaded + 1
    assert (person.post, person.phone) == (("教研组长", "") if winner == "alice" else ("", "13912345678"))
    assert history(person).first().actor.username == winner


def test_page_form_without_version_says_why(world):
    alice = _logged_in(world.alice)
    data = form_data(alice.get(f"/people/{world.person_a.pk}/edit/").content, containing="version", version=None)
    assert "页面缺少版本信息" in alice.post(f"/people/{world.person_a.pk}/edit/", data).content.decode()
