"""Pinyin for search, with surname readings (单 shan, 曾 zeng …) that pypinyin's default gets wrong."""

import functools

from pypinyin import Style, lazy_pinyin

SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "区": "ou",
    "尉迟": "yuchi",
    "万俟": "moqi",
    "盖": "ge",
    "繁": "po",
    "覃": "qin",
    "员": "yun",
    "乐": "yue",
    "缪": "miao",
    "翟": "zhai",
    "折": "she",
    "召": "shao",
    "种": "chong",
    "秘": "bi",
    "黑": "he",
}


_SURNAMES_LONGEST_FIRST = sorted(SURNAME_READINGS, key=len, reverse=True)


def name_pinyin(name: str) -> str:
    """'张三' -> 'zhangsan zs' — full and initials, both searchable with icontains."""
    name = name.strip()
    head = ""
    for surname in _SURNAMES_LONGEST_FIRST:
        if name.startswith(surname):
            head, name = SURNAME_READINGS[surname], name[len(surname) :]
            break
    parts = ([head] if head else []) + list(_pinyin(name))
    return "".join(parts) + " " + "".join(p[0] for p in parts if p)


@functools.lru_cache(maxsize=65536)
def _pinyin(text: str) -> tuple[str, ...]:
    # Given names repeat across a city's roster: a 60,000-row import spent 4 s here, mostly on repeats.
    return tuple(lazy_pinyin(text, style=Style.NORMAL))
