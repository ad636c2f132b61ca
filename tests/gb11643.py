"""An independent GB 11643-1999 check, written from the standard's own definition (not from dangjian.lib.idcard).

§6.2 (ISO 7064:1983 MOD 11-2): with a_1 … a_18 the characters (X = 10) and W_i = 2^(18-i) mod 11,
a number is right when Σ a_i · W_i ≡ 1 (mod 11). The check character is computed here the ISO 7064
way, recursively (p = (p + a) · 2 mod 11, check = (12 - p) mod 11), not with the weight table.
"""


def check_char(body: str) -> str:
    assert len(body) == 17 and body.isdigit(), body
    p = 0
    for ch in body:
        p = (p + int(ch)) * 2 % 11
    value = (12 - p) % 11
    return "X" if value == 10 else str(value)


def congruent(number: str) -> bool:
    """The defining congruence over all 18 characters."""
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
        return False
    values = [10 if ch == "X" else int(ch) for ch in number]
    return sum(a * pow(2, 18 - i, 11) for i, a in enumerate(values, start=1)) % 11 == 1
