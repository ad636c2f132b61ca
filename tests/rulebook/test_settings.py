"""Per-bureau local settings: who may read and change them, and that they change the calculators."""

from decimal import Decimal

from dangjian.core.models import AuditEvent
from dangjian.rulebook.models import BureauSetting
from dangjian.rulebook.selectors import local_settings_for
from dangjian.rules.settings import DEFAULTS

WAGES = {
    "item_name": ["岗位工资", "薪级工资"],
    "item_amount": ["4000", "1500"],
    "income_tax": "100",
    "social_insurance": "600",
    "category": "employed",
}


def form_values(**changes):
    """The settings form as the page posts it: every field with its current (default) value."""
    data = {}
    for name in DEFAULTS.__dataclass_fields__:
        value = getattr(DEFAULTS, name)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    for k, v in changes.items():
        if v is False:
            data.pop(k, None)
        else:
            data[k] = "on" if v is True else str(v)
    return data


def test_defaults_until_bureau_changes_them(world):
    assert local_settings_for(world.branch_a) == DEFAULTS
    assert local_settings_for(world.group_a) == DEFAULTS


def test_bureau_officer_turns_on_social_insurance_deduction_and_calculator_follows(world, login):
    client = login(world.bob)
    before = client.post("/rules/dues-calculator/", WAGES).content.decode()
    # 5500 − 100 = 5400 → 1.5% → 81.00 (五险一金 not deducted by default)
    assert 'id="dues-amount">81.00<' in before
    r = client.post("/rules/settings/BUREAU/", form_values(deduct_social_insurance=True))
    assert r.status_code == 302
    assert local_settings_for(world.branch_a).deduct_social_insurance is True
    # alice (branch A, same bureau) now gets 5500 − 100 − 600 = 4800 → 1% → 48.00
    body = login(world.alice).post("/rules/dues-calculator/", WAGES).content.decode()
    assert 'id="dues-amount">48.00<' in body
    assert "减：个人缴纳的社会保险和住房公积金" in body
    event = AuditEvent.objects.get(kind="rule_settings.update")
    assert event.org_id == world.bureau.pk
    assert event.data["changes"] == {"deduct_social_insurance": [False, True]}


def test_rounding_setting_changes_amount(world, login):
    client = login(world.bob)
    client.post("/rules/settings/BUREAU/", form_values(dues_quantum="1"))
    assert local_settings_for(world.branch_a).dues_quantum == Decimal("1")
    body = client.post("/rules/dues-calculator/", {**WAGES, "item_amount": ["4000", "1234.5"]}).content.decode()
    # 5234.50 − 100 = 5134.50 × 1.5% = 77.0175 → 77 whole yuan
    assert 'id="dues-amount">77<' in body


def test_secretary_reads_but_cannot_change(world, login):
    client = login(world.alice)
    body = client.get("/rules/settings/").content.decode()
    assert "江北区教育局党委" in body and "党费基数扣除个人缴纳的社会保险和住房公积金" in body
    assert 'id="settings-form"' not in body and "您只能查看" in body
    assert client.post("/rules/settings/BUREAU/", form_values(deduct_social_insurance=True)).status_code == 404
    assert not BureauSetting.objects.exists()


def test_other_bureau_secretary_gets_404(world, login):
    client = login(world.charlie)
    assert client.get("/rules/settings/BUREAU/").status_code == 404
    assert client.post("/rules/settings/BUREAU/", form_values(deduct_social_insurance=True)).status_code == 404
    assert client.get("/rules/dues-calculator/?bureau=BUREAU").status_code == 404
    # charlie's own page shows his bureau
    assert "昆山市教育局党委" in client.get("/rules/settings/").content.decode()
    assert not BureauSetting.objects.exists()


def test_invalid_value_names_the_field_and_saves_nothing(world, login):
    client = login(world.bob)
    r = client.post("/rules/settings/BUREAU/", form_values(farmer_monthly_dues="1.50"))
    body = r.content.decode()
    assert r.status_code == 200
    assert "农民党员每月党费" in body and "1.50" in body
    assert not BureauSetting.objects.exists()


def test_settings_page_shows_rule_and_changed_value(world, login):
    login(world.bob).post("/rules/settings/BUREAU/", form_values(lecture_frequency="yearly"))
    body = login(world.alice).get("/rules/settings/BUREAU/").content.decode()
    assert "LIFE-05" in body and "每年1次" in body and "每季度1次" in body


def test_listing_on_last_publicity_day_setting_moves_earliest_listing(world, login):
    data = {"publicity": "2026-06-01"}
    body = login(world.alice).post("/rules/recruitment-calculator/", data).content.decode()
    line = body[body.index("公示后最早可确定为发展对象") :]
    assert line.index("2026年6月5日") < 200
    login(world.bob).post("/rules/settings/BUREAU/", form_values(list_on_last_publicity_day=False))
    body = login(world.alice).post("/rules/recruitment-calculator/", data).content.decode()
    line = body[body.index("公示后最早可确定为发展对象") :]
    assert line.index("2026年6月6日") < 200


def test_settings_page_shows_change_history(world, login):
    login(world.bob).post("/rules/settings/BUREAU/", form_values(deduct_social_insurance=True))
    body = login(world.alice).get("/rules/settings/").content.decode()
    history = body[body.index('id="settings-history"') :]
    assert "bob" in history and "党费基数扣除个人缴纳的社会保险和住房公积金 由「否」改为「是」" in history
