"""How the meeting kinds and their periods are said in Chinese (召开支部党员大会 / 讲党课; 第一季度、1月至3月),
shared by the documents and the rectification items."""

CN = "〇一二三四五六七八九十"
VERB = {
    "party_lecture": "讲党课",
    "theme_day": "开展主题党日活动",
    "heart_to_heart_talk": "开展谈心谈话",
    "appraisal": "开展民主评议党员",
    "study_session": "组织集中学习",
    "training": "组织培训",
}


def act(kind: str, label: str) -> str:
    """召开支部党员大会 / 讲党课 / 开展主题党日活动 …"""
    return VERB.get(kind, f"召开{label}")


def short_period(period: str, index: int) -> str:
    return {
        "month": f"{index}月",
        "quarter": f"第{CN[index]}季度",
        "half": "上半年" if index == 1 else "下半年",
        "year": "全年",
    }[period]


def periods_text(period: str, indices: list[int]) -> str:
    """第一季度、第三季度 / 1月至10月、12月 (consecutive months joined as a range)."""
    if period != "month":
        return "、".join(short_period(period, i) for i in indices)
    runs, start = [], None
    for i, m in enumerate(indices):
        start = m if start is None else start
        if i + 1 == len(indices) or indices[i + 1] != m + 1:
            runs.append(f"{start}月" if start == m else f"{start}月至{m}月")
            start = None
    return "、".join(runs)
