"""Probation (DEV-19–22): the end date, extension then conversion, revocation; the confirmation date is
always the end of the 预备期, whatever the approval date."""

import datetime

from .conftest import advance, path_2014

D = datetime.date


def post(client, case, code, day, **fields):
    return client.post(f"/recruitment/cases/{case.pk}/", {"code": code, "date": day.isoformat(), **fields})


def test_probation_end_shown_from_branch_meeting_not_approval(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), until="oath")
    page = login(world.alice).get(f"/recruitment/cases/{case.pk}/").content.decode()
    assert "预备期满、转正时间：2026-01-10" in page  # meeting 2025-01-10, approval 2025-02-20


def test_extension_then_conversion_dates_from_extended_end(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="conversion_meeting")
    client = login(world.alice)
    assert (
        post(
            client,
            case,
            "conversion_meeting",
            D(2026, 6, 15),
            expected=9,
            present=8,
            yes=8,
            outcome="extend",
            extension_months=6,
        ).status_code
        == 302
    )
    assert post(client, case, "conversion_approval", D(2026, 7, 1)).status_code == 302
    page = client.get(f"/recruitment/cases/{case.pk}/").content.decode()
    assert "下一步：支部党员大会讨论转正" in page and "预备期满（延长后）：2026-07-10" in page
    assert "最早日期：<strong>2026-07-10</strong>" in page
    case.person.refresh_from_db()
    assert case.person.status == "probationary_member"
    assert (
        post(
            client, case, "conversion_meeting", D(2026, 7, 15), expected=9, present=8, yes=8, outcome="convert"
        ).status_code
        == 302
    )
    assert post(client, case, "conversion_approval", D(2026, 9, 1)).status_code == 302
    case.person.refresh_from_db()
    assert case.person.status == "full_member" and case.person.confirmation_date == D(2026, 7, 10)


def test_second_extension_is_refused(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="conversion_meeting")
    client = login(world.alice)
    post(
        client,
        case,
        "conversion_meeting",
        D(2026, 6, 15),
        expected=9,
        present=8,
        yes=8,
        outcome="extend",
        extension_months=6,
    )
    post(client, case, "conversion_approval", D(2026, 7, 1))
    r = post(
        client,
        case,
        "conversion_meeting",
        D(2026, 7, 15),
        expected=9,
        present=8,
        yes=8,
        outcome="extend",
        extension_months=6,
    )
    assert "延长预备期只能一次" in r.content.decode()


def test_revocation_takes_person_off_the_roll_and_closes_case(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world), stop_before="conversion_meeting")
    client = login(world.alice)
    post(client, case, "conversion_meeting", D(2026, 1, 12), expected=9, present=8, yes=8, outcome="revoke")
    post(client, case, "conversion_approval", D(2026, 2, 20))
    case.refresh_from_db()
    case.person.refresh_from_db()
    assert case.closed and case.result == "revoked"
    assert not case.person.on_roll and case.person.left_note == "取消预备党员资格"


def test_archive_needs_all_six_documents_then_closes(world, login, open_case):
    case = advance(open_case(), world.alice, path_2014(world))
    client = login(world.alice)
    r = post(client, case, "archive", D(2026, 3, 1), documents=["volunteer_form", "application"])
    assert "归档材料不全" in r.content.decode() and "DEV-23" in r.content.decode()
    all_docs = [
        "volunteer_form",
        "application",
        "activist_review_form",
        "political_review",
        "probation_review_form",
        "conversion_application",
    ]
    assert post(client, case, "archive", D(2026, 3, 1), documents=all_docs).status_code == 302
    case.refresh_from_db()
    assert case.closed
