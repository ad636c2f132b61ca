"""Phone numbers (联系电话): a mainland mobile (1[3-9] + 9 digits) or a fixed line with its area code
(0571-88888888). Refused with a Chinese reason naming the field (form, API) or row and column (import)."""

import json

from django.test import Client
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from dangjian.members.models import Person
from dangjian.members.validation import normalize_phone, phone_problem
from tests.api.helpers import cli_token
from tests.html_form import form_data

from .test_import import HEAD, ID1, check, reasons


def _area_ok(a: str) -> bool:
    # 010 and 02x are the three-digit area codes; the rest are 0 + three digits, the first 3–9.
    return a.isdigit() and (
        (len(a) == 3 and (a == "010" or a.startswith("02"))) or (len(a) == 4 and a[0] == "0" and a[1] in "3456789")
    )


def _local_ok(n: str) -> bool:
    return n.isdigit() and len(n) in (7, 8) and n[0] in "23456789"  # local numbers never start 0 or 1


def _ext_ok(e: str) -> bool:
    return e.isdigit() and 1 <= len(e) <= 6


def _fixed_ok(text: str) -> bool:
    parts = text.split("-")
    run_on = lambda t: any(_area_ok(t[:k]) and _local_ok(t[k:]) for k in (3, 4))  # noqa: E731
    if len(parts) == 1:
        return run_on(parts[0])
    if len(parts) == 2:  # 0571-88888888, or 057188888888-123
        return (_area_ok(parts[0]) and _local_ok(parts[1])) or (run_on(parts[0]) and _ext_ok(parts[1]))
    if len(parts) == 3:
        return _area_ok(parts[0]) and _local_ok(parts[1]) and _ext_ok(parts[2])
    return False


def oracle(text: str) -> bool:
    """The numbering plan written out by hand (not a regex): what the validator must accept."""
    if text.startswith("+86"):
        text = text[3:].removeprefix("-")
        return len(text) == 11 and text.isdigit() and text[0] == "1" and text[1] in "3456789"
    if len(text) == 11 and text.isdigit() and text[0] == "1" and text[1] in "3456789":
        return True
    return _fixed_ok(text)


PUBLISHED_FORMS = [
    "13812345678",
    "19912345678",
    "+8613812345678",
    "0571-88888888",
    "010-88888888",
    "021-88888888",
    "0571-8888888",
    "057188888888",
    "0571-88888888-123",
    "（0571）88888888",
    "138 1234 5678",
]
REFUSED = [
    "1",
    "12345678901",
    "1381234567",
    "138123456789",
    "88888888",
    "0571-08888888",
    "0571-888888",
    "abc",
    "138-1234-5678x",
    "00571-88888888",
    "8613812345678",
]


def test_published_forms_are_accepted_and_odd_ones_refused():
    for text in PUBLISHED_FORMS:
        assert phone_problem(text) is None, text
    for text in REFUSED:
        assert phone_problem(text) and "联系电话" in phone_problem(text), text


@hsettings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A(\+86)?1\d{10}\Z|\A0\d{2,3}-?\d{6,9}(-\d{1,7})?\Z|\A\d{1,14}\Z"))
def test_validator_agrees_with_the_numbering_plan_written_by_hand(text):
    assert (phone_problem(text) is None) == oracle(normalize_phone(text)), text


def test_edit_page_names_the_phone_field_and_changes_nothing(world):
    c = Client()
    c.force_login(world.alice)
    url = f"/people/{world.person_a.pk}/edit/"
    r = c.post(url, form_data(c.get(url).content, containing="version", phone="1381234"))
    assert r.status_code == 200
    assert "联系电话格式不正确" in r.context["form"].errors["phone"][0]
    assert Person.objects.get(pk=world.person_a.pk).phone == ""
    r = c.post(url, form_data(c.get(url).content, containing="version", phone="0571-88888888"))
    assert r.status_code == 302 and Person.objects.get(pk=world.person_a.pk).phone == "0571-88888888"


def test_api_refuses_a_bad_phone_with_422_naming_the_field(world, client):
    url = f"/api/v1/members/{world.person_a.pk}"
    r = client.patch(
        url,
        data=json.dumps({"phone": "12345"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {cli_token('alice')}"},
    )
    assert r.status_code == 422
    [err] = r.json()["errors"]
    assert err["field"] == "phone" and err["label"] == "联系电话" and "联系电话格式不正确" in err["message"]
    assert Person.objects.get(pk=world.person_a.pk).phone == ""


def test_import_names_row_and_column_of_a_bad_phone(tmp_path, world):
    head = HEAD + ["联系电话"]
    row = ["张三", "男", "1980-03-15", ID1, "正式党员", "2005-07-01", "2006-07-01", "大学本科", "中级"]
    got = reasons(check(tmp_path, world, [row + ["1381234567"], row[:3] + [""] + row[4:] + [13812345678]], head=head))
    assert [(r, c) for r, c, _ in got] == [(2, "联系电话")]
    assert "联系电话格式不正确" in got[0][2]
