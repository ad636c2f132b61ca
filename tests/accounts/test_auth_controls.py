"""Authentication controls: password policy, lockout after 5 failed logins (account and address),
idle and absolute session limits, revocable API tokens with their last use, and the audit trail."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import strategies as st

from dangjian.accounts import services
from dangjian.accounts.models import ApiToken
from dangjian.core.models import AuditEvent
from dangjian.lib import clock
from tests.conftest import SUITE_NOW

# (password, accepted?, what the Chinese message says) for a user named liming2026.
# Expected values follow the policy as stated: ≥ 8 characters, three of the four classes (lower, upper,
# digit, symbol), not the username, not a common password.
POLICY = [
    ("Hongqi-2026", True, None),
    ("hongqi2026A", True, None),
    ("hongqi-2026", True, None),  # lower + symbol + digit
    ("Hq-26a", False, "太短"),  # 6 characters
    ("hongqi2026", False, "至少 3 类"),  # lower + digit only
    ("HONGQI-ZZZ", False, "至少 3 类"),  # upper + symbol only
    ("Password1", False, "太常见"),  # three classes, but on the common-password list
    ("Liming2026", False, "相似"),  # the username itself
]


@pytest.mark.parametrize("password,ok,message", POLICY)
def test_password_policy(db, password, ok, message):
    user = User(username="liming2026", first_name="李明")
    if ok:
        password_validation.validate_password(password, user)
        return
    with pytest.raises(ValidationError) as exc:
        password_validation.validate_password(password, user)
    assert any(message in m for m in exc.value.messages), exc.value.messages


@given(
    name=st.text(
        alphabet="王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤红芳明华伟强",
        min_size=2,
        max_size=4,
    )
)
def test_initial_passwords_always_meet_the_policy(name):
    # the initial password must be one the user could have chosen: same validators, same user attributes
    user = User(username=services.username_base(name), first_name=name)
    password = services.new_password()
    password_validation.validate_password(password, user)
    assert not set(password) & set("0O1lI")  # read off a slip: no look-alikes


def test_own_password_change_checks_the_old_one_and_the_policy(world, client):
    client.force_login(world.alice)
    r = client.post(
        "/account/password/", {"old_password": "wrong", "new_password1": "Hongqi-2026", "new_password2": "Hongqi-2026"}
    )
    assert "原密码不正确" in r.content.decode()
    r = client.post(
        "/account/password/",
        {"old_password": "pw-alice", "new_password1": "Hongqi-2026", "new_password2": "Hongqi-2027"},
    )
    assert "两次输入的新密码不一致" in r.content.decode()
    r = client.post(
        "/account/password/",
        {"old_password": "pw-alice", "new_password1": "Hongqi-2026", "new_password2": "Hongqi-2026"},
    )
    assert r.status_code == 302
    assert client.get("/account/").status_code == 200  # still logged in after the change
    assert User.objects.get(pk=world.alice.pk).check_password("Hongqi-2026")


def login(client, username, password, ip="127.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_failed_logins_lock_the_account_for_fifteen_minutes(world):
    c = Client()
    for _ in range(4):
        assert login(c, "alice", "wrong").status_code == 200
    r = login(c, "alice", "wrong")
    assert r.status_code == 429 and "登录失败次数过多" in r.content.decode() and "15 分钟" in r.content.decode()
    # now even the right password is refused, from another address too
    assert login(c, "alice", "pw-alice", ip="10.1.1.1").status_code == 429
    assert AuditEvent.objects.filter(kind="auth.lockout", subject_id=world.alice.pk).count() >= 1
    assert AuditEvent.objects.filter(kind="auth.login_failed", subject_id=world.alice.pk).count() >= 5
    with time_machine.travel(SUITE_NOW + datetime.timedelta(minutes=14), tick=False):
        assert login(Client(), "alice", "pw-alice", ip="10.1.1.2").status_code == 429
    with time_machine.travel(SUITE_NOW + datetime.timedelta(minutes=31), tick=False):
        assert login(Client(), "alice", "pw-alice", ip="10.1.1.3").status_code == 302


def test_five_failures_from_one_address_lock_that_address_only(world):
    for name in ("x1", "x2", "x3", "x4", "x5"):
        login(Client(), name, "wrong", ip="10.9.9.9")
    r = login(Client(), "bob", "pw-bob", ip="10.9.9.9")
    assert r.status_code == 429 and "本机地址" in r.content.decode()
    assert login(Client(), "bob", "pw-bob", ip="10.9.9.8").status_code == 302


def test_four_failures_then_success_resets_the_count(world):
    for _ in range(4):
        login(Client(), "charlie", "wrong")
    assert login(Client(), "charlie", "pw-charlie").status_code == 302
    for _ in range(4):
        login(Client(), "charlie", "wrong")
    assert login(Client(), "charlie", "pw-charlie").status_code == 302


def test_password_reset_lifts_the_account_lockout(world, client):
    for _ in range(5):
        login(Client(), "dave", "wrong", ip="10.2.2.2")
    client.force_login(world.alice)
    password = re.search(
        r'initial-password">([^<]+)<', client.post(f"/accounts/{world.dave.pk}/reset/").content.decode()
    ).group(1)
    assert login(Client(), "dave", password, ip="10.2.2.3").status_code == 302


def test_login_and_logout_through_the_page_are_audited(world):
    c = Client()
    assert login(c, "alice", "pw-alice").status_code == 302
    c.post("/logout/")
    kinds = list(
        AuditEvent.objects.filter(subject_type="user", subject_id=world.alice.pk)
        .order_by("id")
        .values_list("kind", "data")
    )
    assert [k for k, _ in kinds] == ["auth.login", "auth.logout"]
    assert kinds[0][1]["ip"] == "127.0.0.1"
    login(c, "nobody", "wrong")
    failed = AuditEvent.objects.get(kind="auth.login_failed")
    assert failed.data["username"] == "nobody" and failed.subject_id == 0


def travel(minutes):
    return time_machine.travel(SUITE_NOW + datetime.timedelta(minutes=minutes), tick=False)


def test_thirty_idle_minutes_end_the_session(world, client):
    with travel(0):
        client.force_login(world.alice)
        assert client.get("/todo/").status_code == 200
    with travel(29):
        assert client.get("/todo/").status_code == 200  # activity at 29 min restarts the idle clock
    with travel(58):
        assert client.get("/todo/").status_code == 200
    with travel(89):
        r = client.get("/todo/", follow=True)
        assert r.redirect_chain[0][0].startswith("/login/")
        assert "超过 30 分钟未操作" in r.content.decode()
    assert AuditEvent.objects.filter(kind="auth.logout", subject_id=world.alice.pk).get().data["reason"] == "timeout"


@override_settings(DANGJIAN_SESSION_IDLE_MINUTES=5)
def test_idle_limit_is_a_setting(world, client):
    with travel(0):
        client.force_login(world.alice)
    with travel(6):
        assert client.get("/todo/").status_code == 302


def test_a_session_ends_twelve_hours_after_login_however_busy(world, client):
    with travel(0):
        client.force_login(world.alice)
    for minutes in range(20, 12 * 60, 20):
        with travel(minutes):
            assert client.get("/todo/").status_code == 200, minutes
    with travel(12 * 60 + 10):
        r = client.get("/todo/", follow=True)
        assert "登录已超过 12 小时" in r.content.decode()


def test_api_with_an_expired_session_is_401(world, client):
    with travel(0):
        client.force_login(world.alice)
        assert client.get("/api/v1/orgs/").status_code == 200
    with travel(40):
        assert client.get("/api/v1/orgs/").status_code == 401


def test_token_last_use_is_shown_and_the_token_can_be_revoked(world, client):
    key = ApiToken.objects.create(user=world.alice, key=ApiToken.new_key()).key
    client.force_login(world.alice)
    assert "从未使用" in client.get("/account/").content.decode()
    assert Client().get("/api/v1/orgs/", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    used = ApiToken.objects.get(user=world.alice).last_used_at
    assert used is not None and abs(used - clock.now()) < datetime.timedelta(minutes=1)
    shown = clock.local_now().strftime("%Y-%m-%d %H:%M")[:-1]  # to the ten minutes: the page shows local time
    assert "最近使用：" + shown in client.get("/account/").content.decode()
    r = client.post("/account/token/", {"action": "revoke"}, follow=True)
    assert "令牌已作废" in r.content.decode()
    assert Client().get("/api/v1/orgs/", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert AuditEvent.objects.filter(kind="account.token_revoke", subject_id=world.alice.pk).count() == 1


def test_account_page_shows_name_roles_and_links_to_management(world, client):
    client.force_login(world.alice)
    page = client.get("/account/").content.decode()
    assert "alice" in page and "飞龙中学党支部 · 支部书记" in page and "/accounts/" in page
    assert 'href="/account/"' in page  # the name in the navbar opens this page
    client.force_login(world.dave)
    page = client.get("/account/").content.decode()
    assert "飞龙中学党支部 · 党员" in page and 'href="/accounts/"' not in page


@override_settings(HTTPS=True)
def test_behind_the_proxy_the_lockout_counts_the_forwarded_address(world):
    # nginx appends the real client to X-Forwarded-For; REMOTE_ADDR is the proxy for everyone.
    def attempt(username, password, client_ip, spoofed="6.6.6.6"):
        return Client().post(
            "/login/",
            {"username": username, "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_ip}",
            secure=True,
        )

    for name in ("x1", "x2", "x3", "x4", "x5"):
        attempt(name, "wrong", "203.0.113.7")
    assert attempt("bob", "pw-bob", "203.0.113.7").status_code == 429
    assert attempt("alice", "pw-alice", "203.0.113.8").status_code == 302  # another teacher behind the same proxy
    assert AuditEvent.objects.filter(kind="auth.login", subject_id=world.alice.pk).get().data["ip"] == "203.0.113.8"
