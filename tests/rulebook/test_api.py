"""/api/v1/rules/: catalogue, calculators, working days and local settings, with the same scope as the pages."""

import json

from dangjian.accounts.models import ApiToken
from dangjian.rulebook.models import BureauSetting
from dangjian.rules.catalog import RULES


def bearer(user):
    token, _ = ApiToken.objects.get_or_create(user=user, defaults={"key": ApiToken.new_key()})
    return {"HTTP_AUTHORIZATION": f"Bearer {token.key}"}


def post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_requires_authentication(client, world):
    assert client.get("/api/v1/rules/catalog").status_code == 401


def test_catalog(client, world):
    rows = client.get("/api/v1/rules/catalog", **bearer(world.alice)).json()
    assert [r["id"] for r in rows] == [r.id for r in RULES]
    fee01 = next(r for r in rows if r["id"] == "FEE-01")
    assert fee01["confidence"] == "S"
    assert {"name": "deduct_social_insurance", "value": False}.items() <= fee01["settings"][0].items()


def test_dues_endpoint_steps_and_amount(client, world):
    r = post(
        client,
        "/api/v1/rules/dues",
        {
            "components": [
                {"name": "岗位工资", "amount": 3000},
                {"name": "薪级工资", "amount": 1500},
                {"name": "绩效工资", "amount": 2500},
                {"name": "津贴补贴", "amount": 800},
                {"name": "住房公积金", "amount": 900},
            ],
            "income_tax": "150",
        },
        **bearer(world.alice),
    )
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["base"] == "7650.00" and data["amount"] == "114.75"
    assert [s["rule_id"] for s in data["steps"]][-1] == "FEE-13"
    assert {"FEE-01", "FEE-02"} <= {s["rule_id"] for s in data["steps"]}


def test_dues_endpoint_official_examples_and_bad_category(client, world):
    h = bearer(world.alice)
    for wage, expected in (("5100", "76.50"), ("4900", "49.00")):
        r = post(client, "/api/v1/rules/dues", {"components": [{"name": "工资", "amount": wage}]}, **h)
        assert r.json()["amount"] == expected
    r = post(client, "/api/v1/rules/dues", {"components": [], "category": "nobody"}, **h)
    assert r.status_code == 422 and "党员类别" in r.json()["detail"]


def test_dues_endpoint_follows_bureau_setting(client, world):
    BureauSetting.objects.create(bureau=world.bureau, values={"deduct_social_insurance": True})
    body = {"components": [{"name": "工资", "amount": 5500}], "income_tax": 100, "social_insurance": 600}
    assert post(client, "/api/v1/rules/dues", body, **bearer(world.alice)).json()["amount"] == "48.00"
    assert post(client, "/api/v1/rules/dues", body, **bearer(world.charlie)).json()["amount"] == "81.00"


def test_recruitment_timeline_endpoint(client, world):
    h = bearer(world.alice)
    r = post(
        client,
        "/api/v1/rules/recruitment-timeline",
        {"dates": {"publicity": "2026-06-01", "pre_review": "2026-01-31"}},
        **h,
    )
    lines = {x["code"]: x for x in r.json()["lines"]}
    assert lines["publicity_end"]["date"] == "2026-06-05" and lines["publicity_end"]["provisional"] is False
    assert lines["publicity_end"]["version"] == "2026"
    assert "branch_meeting_deadline" not in lines  # 预审 under the 2014 text: no one-month rule
    r = post(client, "/api/v1/rules/recruitment-timeline", {"dates": {"publicity": "2031-06-02"}}, **h)
    assert r.json()["unknown_years"] == [2031] and r.json()["provisional"] is True
    r = post(client, "/api/v1/rules/recruitment-timeline", {"dates": {"nonsense": "2031-06-02"}}, **h)
    assert r.status_code == 422


def test_nth_workday_endpoint(client, world):
    h = bearer(world.dave)
    assert client.get("/api/v1/rules/workdays/nth?start=2026-06-01&n=5", **h).json() == {
        "date": "2026-06-05",
        "provisional": False,
    }
    assert client.get("/api/v1/rules/workdays/nth?start=2031-06-02&n=5", **h).json() == {
        "date": "2031-06-06",
        "provisional": True,
    }
    assert client.get("/api/v1/rules/workdays/nth?start=2031-06-02&n=0", **h).status_code == 422


def test_settings_get_and_put(client, world):
    r = client.get("/api/v1/rules/settings/BUREAU", **bearer(world.alice))
    assert r.status_code == 200 and r.json()["editable"] is False
    # a secretary cannot change the bureau's settings
    r = client.put(
        "/api/v1/rules/settings/BUREAU",
        json.dumps({"values": {"appraisal_grades": 3}}),
        content_type="application/json",
        **bearer(world.alice),
    )
    assert r.status_code == 404
    h = bearer(world.bob)
    r = client.put(
        "/api/v1/rules/settings/BUREAU",
        json.dumps({"values": {"appraisal_grades": 3, "dues_quantum": "0.1"}}),
        content_type="application/json",
        **h,
    )
    assert r.status_code == 200, r.content
    values = {s["name"]: s["value"] for s in r.json()["settings"]}
    assert values["appraisal_grades"] == 3 and values["dues_quantum"] == "0.1"
    r = client.put(
        "/api/v1/rules/settings/BUREAU",
        json.dumps({"values": {"appraisal_grades": 5}}),
        content_type="application/json",
        **h,
    )
    assert r.status_code == 422 and "民主评议等次数量" in r.json()["detail"]
    r = client.put(
        "/api/v1/rules/settings/BUREAU", json.dumps({"values": {"no_such": 1}}), content_type="application/json", **h
    )
    assert r.status_code == 422
    assert BureauSetting.objects.get(bureau=world.bureau).values == {"appraisal_grades": 3, "dues_quantum": "0.1"}


def test_settings_out_of_scope_is_404(client, world):
    h = bearer(world.charlie)
    assert client.get("/api/v1/rules/settings/BUREAU", **h).status_code == 404
    r = client.put(
        "/api/v1/rules/settings/BUREAU",
        json.dumps({"values": {"appraisal_grades": 3}}),
        content_type="application/json",
        **h,
    )
    assert r.status_code == 404
    assert client.get("/api/v1/rules/settings/BRA", **bearer(world.alice)).status_code == 404  # not a bureau
    assert not BureauSetting.objects.exists()


def test_dues_endpoint_fee03_quarter_average(client, world):
    h = bearer(world.alice)
    r = post(client, "/api/v1/rules/dues", {"quarter_incomes": [9000, 12000, 6000]}, **h)
    assert r.json()["base"] == "9000.00" and r.json()["amount"] == "135.00"
    assert r.json()["steps"][0]["rule_id"] == "FEE-03"
    assert post(client, "/api/v1/rules/dues", {"quarter_incomes": [9000]}, **h).status_code == 422


def test_settings_put_reads_yes_no_strings_and_rejects_others(client, world):
    h = bearer(world.bob)

    def put(values):
        return client.put(
            "/api/v1/rules/settings/BUREAU", json.dumps({"values": values}), content_type="application/json", **h
        )

    assert put({"deduct_social_insurance": "true"}).status_code == 200
    assert put({"deduct_social_insurance": "false"}).status_code == 200
    r = put({"deduct_social_insurance": "maybe"})
    assert r.status_code == 422 and "党费基数扣除" in r.json()["detail"]
    assert BureauSetting.objects.get(bureau=world.bureau).values == {}
