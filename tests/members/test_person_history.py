import datetime

import pytest
from django.core.exceptions import ValidationError

from dangjian.core.audit import history
from dangjian.members import services


def test_every_change_is_kept_with_old_and_new(world):
    p = services.person_update(actor=world.alice, person=world.person_a, phone="13800000001")
    services.person_update(actor=world.alice, person=p, phone="13800000002")
    events = list(history(p))
    assert events[0].data["changes"]["phone"] == ["13800000001", "13800000002"]
    assert events[1].data["changes"]["phone"] == ["", "13800000001"]
    assert events[0].actor == world.alice


def test_leaving_the_roll_keeps_record_and_can_be_restored(world):
    p = services.person_leave(
        actor=world.alice, person=world.person_a, reason="transfer_out", on=datetime.date(2026, 3, 1)
    )
    p.refresh_from_db()
    assert not p.on_roll and p.left_reason == "transfer_out"
    p = services.person_restore(actor=world.alice, person=p, note="转出撤销")
    assert p.on_roll and p.left_reason == ""
    kinds = [e.kind for e in history(p)]
    assert kinds[:2] == ["person.restore", "person.leave"]


def test_birth_date_must_agree_with_id_number(world):
    with pytest.raises(ValidationError) as exc:
        services.person_update(actor=world.alice, person=world.person_a, birth_date=datetime.date(1985, 4, 13))
    assert "出生日期与身份证号不一致" in str(exc.value)


def test_confirmation_before_join_is_rejected(world):
    with pytest.raises(ValidationError) as exc:
        services.person_update(actor=world.alice, person=world.person_a, confirmation_date=datetime.date(2009, 1, 1))
    assert "转正时间必须晚于入党时间" in str(exc.value)


def test_person_page_shows_changes_with_chinese_field_names(world, client):
    services.person_update(actor=world.alice, person=world.person_a, phone="13800000009")
    client.force_login(world.alice)
    html = client.get(f"/people/{world.person_a.pk}/").content.decode()
    assert "联系电话" in html and "13800000009" in html and "修改" in html
    services.person_update(actor=world.alice, person=world.person_a, professional_title="senior_deputy")
    html = client.get(f"/people/{world.person_a.pk}/").content.decode()
    assert "专业技术职务" in html and "中级 → 副高级" in html
