"""The demo schools have a few 整改 items from their real findings: one overdue, one waiting for the bureau's
acceptance, one closed; the bureau's login sees them and is asked to accept."""

import datetime
import io

from django.contrib.auth.models import User
from django.core.management import call_command

from dangjian.rectification.models import Rectification
from dangjian.site.todos import todos_for


def test_demo_items(db, client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", stdout=io.StringIO())
    today = datetime.date.today()
    items = {r.org.code: r for r in Rectification.objects.select_related("org").exclude(source="assessment")}
    assert items["FLZX"].is_overdue(today) and items["FLZX"].owner.org.code == "FLZX"
    assert items["JBSX"].status == "done" and items["JBSX"].source == "visit" and items["JBSX"].files.count() == 1
    assert items["KSEZ-1"].status == "closed" and items["KSEZ-1"].closed_on <= today
    assert items["KSEZ-3"].status == "open" and items["KSEZ-3"].rule_id == "BR-03"
    jyj = User.objects.get(username="jyj")
    assert any(t["title_zh"].startswith("验收江北区实验小学党支部的整改") for t in todos_for(jyj, today))
    client.force_login(jyj)
    page = client.get("/rectification/", follow=True).content.decode()
    for text in (
        "逾期</span>",
        "已整改待验收",
        "已销号",
        "未召开支部党员大会" if items["FLZX"].source == "meeting_gap" else "",
    ):
        assert text in page
