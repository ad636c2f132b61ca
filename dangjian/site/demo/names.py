"""Deterministic, realistic Chinese names for demo people (not real persons)."""

import random

# Common surnames, roughly by frequency (the first ones are drawn more often).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严戴孔汤"
)
FEMALE = "芳娟敏静丽艳娜玲霞婷雪慧琳颖洁萍红燕倩佳晓月秀兰蓉琴雯璐悦欣怡瑶琪君梅莉丹岚琼蕾"
MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁建国峰浩宇亮东文俊林海斌力成荣新龙庆祥志"
NEUTRAL = "晨一子雨嘉思梓安睿书言诗家佳春秋云天金立永"


class NameMaker:
    """Unique names from a seeded random source; the same seed gives the same names."""

    def __init__(self, rnd: random.Random):
        self.rnd = rnd
        self.used: set[str] = set()

    def _surname(self) -> str:
        # Skew towards the common surnames: min of two draws favours low indexes.
        i = min(self.rnd.randrange(len(SURNAMES)), self.rnd.randrange(len(SURNAMES)))
        return SURNAMES[i]

    def make(self, gender: str) -> str:
        chars = FEMALE if gender == "female" else MALE
        for _ in range(200):
            given = self.rnd.choice(chars)
            if self.rnd.random() < 0.6:
                given = self.rnd.choice(NEUTRAL + chars) + given
            name = self._surname() + given
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("demo name space exhausted")
