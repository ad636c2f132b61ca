"""Issue #19: no English or internal names anywhere a user reads.

Every GET page of the URL conf, opened with real ids from the demo data by each persona (system admin, bureau
officer, 总支 secretary, branch secretary, 组织委员, member), must not show English UI words, raw choice codes,
rule-constant or package names, "None", Django's "- Select an option -", "来源：manual" or an unexplained
可信度 letter. The expected vocabulary is the world's, not the code's: Chinese, plus codes people type
(organisation codes, rule numbers such as FEE-02, file kinds such as Excel/PDF) and the users' own logins.
"""

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from dangjian.lib import clock

from .crawl import readable_text, unlabelled_controls, urls_for

# login → the org whose pages the persona works on (a secretary's own branch; the bureau for its officer).
PERSONAS = {
    "admin": "FLZX",
    "jyj": "JBJYJ",
    "kunshan": "KSEZ",
    "feilong": "FLZX",
    "weiyuan": "FLZX",
    "dangyuan": "FLZX",
}

FORBIDDEN = [
    "None",
    "Select an option",
    "manual",
    "OATH_TEXT",
    "chinese-calendar",
    "chinese_calendar",
    "Forbidden",
    "Not Found",
    "Page not found",
    "Server Error",
    "This field is required",
    "Enter a valid",
    "True",
    "False",
    "null",
    "undefined",
    "NaN",
    "---------",
    "年年度",
]  # "2026年年度党建工作总结": a doubled 年 in a title
# Words people read as Chinese-office vocabulary, or that name a file format or a standard.
ALLOWED_WORDS = {
    "wangfang2",
    "SQLite",
    "PostgreSQL",
    "xls",
    "Excel",
    "Word",
    "WPS",
    "PDF",
    "Bearer",
    "Authorization",
    "curl",
    "token",
    "http",
    "https",
    "xlsx",
    "docx",
    "csv",
    "ics",
    "iPhone",
    "Android",
    "Outlook",
    "Google",
    "Chrome",
    "Edge",
    "Firefox",
    "Safari",
    "Cookie",
    "JavaScript",
    "com",
    "cn",
    "edu",
    "gov",
    "org",
    "www",
    "localhost",
    "mailto",
    "webcal",
    "QQ",
    "WeChat",
    "Cron",
    "IP",
    "json",
    "api",
    "docs",
    "openapi",
    "v1",
    "dangjian",
    "orgs",
    "members",
    "me",
    "password",
    "admin",
    "Content",
    "Type",
    "application",
    "H",
    "Header",
    "GET",
    "POST",
    "PATCH",
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
CODE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")  # FLZX, KSEZ-1, BR-03, PDF, GB


def offending(text: str, logins: set[str]) -> list[str]:
    bad = [f for f in FORBIDDEN if re.search(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])", text)]
    if re.search(r"可信度\s*[RSTA]\b(?![（(：:])", text):
        bad.append("可信度 letter without its meaning")
    for word in WORD.findall(text):
        word = word.strip(".-_")
        if not word or CODE.match(word) or word in ALLOWED_WORDS or word.lower() in logins:
            continue
        if re.fullmatch(r"[A-Za-z]{1,2}\d*", word):  # a grade letter or a cell like A1; judged by the rules above
            continue
        bad.append(word)
    return bad


def way_back(html: str) -> bool:
    """A detail page names where it belongs: a breadcrumb (<nav aria-label="位置"> or the small crumb line) or a
    link that says 返回."""
    main = html.split("<main", 1)[-1]
    return bool(re.search(r'<nav class="small|aria-label="位置"|>[^<]*返回[^<]*</a>', main))


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", stdout=io.StringIO())


def crawl(client, username, code):
    user = User.objects.get(username=username)
    client.force_login(user)
    logins = {u.lower() for u in User.objects.values_list("username", flat=True)}
    found, opened = [], 0
    for name, url in urls_for(user, code, clock.today().year):
        r = client.get(url)
        if r.status_code >= 500:
            found.append(f"{username} {url}: {r.status_code}")
            continue
        if "text/html" not in r.get("Content-Type", "") or r.status_code in (301, 302, 405):
            continue
        opened += 1
        html = r.content.decode()
        text = " ".join(readable_text(html))
        words = sorted(set(offending(text, logins)))
        if words:
            where = [text[max(0, text.find(w) - 20) : text.find(w) + len(w) + 20] for w in words[:3]]
            found.append(f"{username} {url} ({r.status_code}): {', '.join(words)} — in: {' | '.join(where)}")
        if r.status_code == 200 and re.search(r"/\d+/", url) and not way_back(html):
            found.append(f"{username} {url}: a detail page without a way back (breadcrumb or 返回 link)")
        unnamed = sorted(set(unlabelled_controls(html)))
        if unnamed:  # 适老化 / screen readers: every form control has a label (GB/T 37668 二级)
            found.append(f"{username} {url} ({r.status_code}) controls without a label: {', '.join(unnamed)}")
    return found, opened


def test_every_page_reads_chinese_for_every_persona(demo, client):
    problems, opened = [], {}
    for username, code in PERSONAS.items():
        found, opened[username] = crawl(client, username, code)
        problems += found
        client.logout()
    # The walk really opened pages for each persona (a member has far fewer than a secretary).
    assert opened["dangyuan"] >= 10 and all(opened[u] >= 60 for u in ("admin", "jyj", "feilong")), opened
    assert not problems, "\n" + "\n".join(problems)
