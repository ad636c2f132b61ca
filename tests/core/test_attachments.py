"""One attachment shape and one download view (issue 15 item 5): every file a user downloads goes through
core.attachments.download, which asks the owning app's scoped selector first; stored paths follow the clock."""

import ast
import datetime
import pathlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from dangjian.core import attachments
from dangjian.core.models import Attachment
from tests import sample_files
from tests.meetings.conftest import hold

ROOT = pathlib.Path(__file__).resolve().parents[2] / "dangjian"


def _patterns(resolver, prefix=""):
    for p in resolver.url_patterns:
        if hasattr(p, "url_patterns"):
            yield from _patterns(p, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def test_every_file_download_url_is_the_one_view():
    downloads = {route: p for route, p in _patterns(get_resolver()) if p.callback is attachments.download}
    # The pages users download files from (each app's own URL kept, so bookmarks and links still work).
    for route in (
        "disclosure/attachment/<int:pk>/",
        "public/disclosure/attachment/<int:pk>/",
        "rectification/files/<int:pk>/",
        "assessment/files/<int:pk>/",
        "meetings/attachment/<int:pk>/",
        "archive/file/<int:pk>/",
        "plans/files/<int:pk>/",
        "plans/honours/<int:pk>/certificate/",
        "learning/record/<int:pk>/certificate/",
    ):
        assert route in downloads, route
    assert {p.default_args["kind"] for p in downloads.values()} == set(attachments.kinds())


def test_only_the_one_view_serves_stored_files():
    callers = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr == "download" and getattr(node.func.value, "id", "") == "uploads":
                    callers.append(str(path.relative_to(ROOT)))
    assert callers == ["core/attachments.py"]


def test_attachment_models_share_one_shape():
    for key, kind in attachments.kinds().items():
        if kind.field == "file":
            assert issubclass(kind.model, Attachment), key


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.today("2027-01-05")
def test_stored_under_the_month_of_the_clock_and_read_in_scope_only(world, login, media):
    meeting = hold(world.branch_a, "theme_day", datetime.date(2027, 1, 4))
    alice = login(world.alice)
    alice.post(
        f"/meetings/{meeting.pk}/attachments/",
        {"kind": "photo", "title": "现场", "file": SimpleUploadedFile("现场.png", sample_files.png((20, 10)))},
    )
    att = meeting.attachments.get()
    assert att.file.name.startswith("meetings/2027/01/")
    assert att.uploaded_by == world.alice and att.uploaded_at.date() == datetime.date(2027, 1, 5)
    url = f"/meetings/attachment/{att.pk}/"
    assert alice.get(url).status_code == 200
    assert login(world.bob).get(url).status_code == 200  # the bureau above the branch
    assert login(world.charlie).get(url).status_code == 404  # another bureau's secretary
    assert login(world.dave).get(url).status_code == 404  # a plain member of the branch
    from django.test import Client

    assert Client().get(url).status_code == 302  # login first
    assert login(world.alice).get("/meetings/attachment/999999/").status_code == 404
