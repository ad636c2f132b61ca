"""The demo bureau has this year's published rubric with assessments at several stages, seen by the demo logins."""

import datetime
import io

from django.contrib.auth.models import User
from django.core.management import call_command

from dangjian.assessment.models import Rubric
from dangjian.site.todos import todos_for


def test_demo_rubric_and_assessments_at_several_stages(db, client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", stdout=io.StringIO())
    today = datetime.date.today()
    rubric = Rubric.objects.get(org__code="JBJYJ", year=today.year)
    assert rubric.status == "published" and 8 <= rubric.items.count() <= 10
    assert {i.mode for i in rubric.items.all()} == {"auto", "manual"}
    stages = {a.org.code: a for a in rubric.assessments.select_related("org")}
    assert stages["FLZX"].stage == "done" and stages["FLZX"].star.endswith("星")
    assert stages["KSEZ-1"].stage == "school" and stages["KSEZ-1"].school.code == "KSEZ"
    assert stages["JBSX"].stage == "self" and not stages["JBSX"].started
    kunshan = User.objects.get(username="kunshan")
    assert any("1个支部待学校审核" in t["title_zh"] for t in todos_for(kunshan, today))
    client.force_login(User.objects.get(username="jyj"))
    page = client.get(f"/assessment/rubrics/{rubric.pk}/results/").content.decode()
    assert stages["FLZX"].star in page and "待学校审核" in page and "未开始" in page
    assert f"星级分布：{stages['FLZX'].star} 1 个" in page
    client.force_login(User.objects.get(username="feilong"))
    page = client.get(f"/assessment/a/{stages['FLZX'].pk}/").content.decode()
    assert "已列入整改" in page and "应开 " in page
