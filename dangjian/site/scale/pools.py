"""Word pools and weighted distributions for synthetic (not real) people and schools."""

import random

# Common surnames with rough frequency weights (per mille of the population, rounded).
SURNAMES = {
    "王": 72,
    "李": 72,
    "张": 68,
    "刘": 54,
    "陈": 45,
    "杨": 31,
    "黄": 23,
    "赵": 23,
    "吴": 20,
    "周": 19,
    "徐": 14,
    "孙": 13,
    "马": 12,
    "朱": 12,
    "胡": 11,
    "郭": 11,
    "何": 9,
    "高": 9,
    "林": 9,
    "罗": 8,
    "郑": 8,
    "梁": 8,
    "谢": 6,
    "宋": 6,
    "唐": 6,
    "许": 5,
    "韩": 5,
    "冯": 5,
    "邓": 5,
    "曹": 5,
    "彭": 4,
    "曾": 4,
    "肖": 4,
    "田": 4,
    "董": 4,
    "袁": 4,
    "潘": 3,
    "于": 3,
    "蒋": 3,
    "蔡": 3,
    "余": 3,
    "杜": 3,
    "叶": 3,
    "程": 3,
    "苏": 3,
    "魏": 3,
    "吕": 3,
    "丁": 3,
    "任": 3,
    "沈": 3,
    "姚": 2,
    "卢": 2,
    "姜": 2,
    "崔": 2,
    "钟": 2,
    "谭": 2,
    "陆": 2,
    "汪": 2,
    "范": 2,
    "金": 2,
    "石": 2,
    "廖": 2,
    "贾": 2,
    "夏": 2,
    "韦": 2,
    "傅": 2,
    "方": 2,
    "白": 2,
    "邹": 2,
    "孟": 2,
    "熊": 2,
    "秦": 2,
    "邱": 2,
    "江": 2,
    "尹": 2,
    "薛": 1,
    "闫": 1,
    "段": 1,
    "雷": 1,
    "侯": 1,
    "龙": 1,
    "史": 1,
    "陶": 1,
    "黎": 1,
    "贺": 1,
    "顾": 1,
    "毛": 1,
    "郝": 1,
    "龚": 1,
    "邵": 1,
    "单": 1,
    "覃": 1,
    "欧阳": 1,
    "诸葛": 1,
}
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀玲燕红梅琳莉婷雪慧颖倩洁蕾薇菲露瑶怡佳欣悦晨曦雯萍华英兰凤云月琴"
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆峰建国文志毅松林海东亮龙成晓德"
GIVEN_ANY = "子文佳思雨晓欣嘉一梓宏永玉春秋立新振光家国世德"

ETHNICITIES = {
    "汉族": 940,
    "回族": 12,
    "满族": 10,
    "壮族": 8,
    "土家族": 6,
    "蒙古族": 5,
    "苗族": 5,
    "朝鲜族": 4,
    "彝族": 3,
    "藏族": 2,
    "畲族": 2,
    "侗族": 2,
    "白族": 1,
}
NATIVE_PLACES = [
    "江苏南京",
    "江苏苏州",
    "江苏扬州",
    "浙江宁波",
    "浙江温州",
    "浙江杭州",
    "安徽合肥",
    "安徽安庆",
    "山东济南",
    "山东临沂",
    "河南郑州",
    "河南信阳",
    "湖北武汉",
    "湖南长沙",
    "江西南昌",
    "福建福州",
    "四川成都",
    "重庆",
    "上海",
    "北京",
    "河北保定",
    "山西太原",
    "陕西西安",
    "辽宁沈阳",
    "黑龙江哈尔滨",
]
SUBJECTS = [
    "语文",
    "数学",
    "英语",
    "物理",
    "化学",
    "生物",
    "历史",
    "地理",
    "道德与法治",
    "音乐",
    "体育",
    "美术",
    "信息技术",
    "科学",
    "心理健康",
    "劳动",
]
POSTS = {
    "教师": 70,
    "班主任": 12,
    "教研组长": 5,
    "年级组长": 3,
    "副校长": 2,
    "校长": 1,
    "党支部书记": 1,
    "行政人员": 4,
    "后勤人员": 2,
}
RETIREE_POSTS = {"退休教师": 90, "退休干部": 10}

DISTRICTS = [
    "东城区",
    "西城区",
    "南湖区",
    "北塘区",
    "江滨区",
    "新港区",
    "高新区",
    "经开区",
    "临江县",
    "青山县",
    "白石县",
    "丰乐县",
    "安平县",
    "云溪县",
    "桃源县",
    "清河县",
    "长宁县",
    "永安县",
    "柳林县",
    "梅山县",
    "石桥县",
    "双河县",
    "松阳县",
    "兴隆县",
]
SCHOOL_STEMS = [
    "实验",
    "第一",
    "第二",
    "第三",
    "第四",
    "第五",
    "育才",
    "育英",
    "城南",
    "城北",
    "城东",
    "城西",
    "光明",
    "红星",
    "朝阳",
    "青云",
    "文昌",
    "阳光",
    "外国语",
    "新华",
    "解放路",
    "人民路",
    "滨江",
    "明德",
    "求真",
    "启明",
    "树人",
    "博文",
    "星海",
    "春晖",
]
SCHOOL_KINDS = {
    "小学": 48,
    "中学": 18,
    "初级中学": 10,
    "高级中学": 8,
    "幼儿园": 10,
    "职业技术学校": 4,
    "特殊教育学校": 2,
}

# Distributions by category (weights need not sum to 100).
STATUS_EMPLOYED = {"full_member": 855, "probationary_member": 30, "candidate": 25, "activist": 45, "applicant": 45}
EDUCATION_EMPLOYED = {"postgraduate": 18, "bachelor": 68, "college": 11, "secondary": 2, "high_school": 1}
EDUCATION_RETIRED = {"postgraduate": 2, "bachelor": 35, "college": 40, "secondary": 18, "high_school": 5}
TITLE_RETIRED = {"senior_full": 2, "senior_deputy": 40, "intermediate": 45, "junior": 10, "none": 3}


def weighted(rng: random.Random, table: dict):
    """One key of table, chosen with its weight (cumulative lists cached on the dict's identity)."""
    cache = _CUM.get(id(table))
    if cache is None:
        keys, total, cum = list(table), 0, []
        for k in keys:
            total += table[k]
            cum.append(total)
        cache = _CUM[id(table)] = (keys, cum, total)
    keys, cum, total = cache
    return rng.choices(keys, cum_weights=cum)[0]


_CUM: dict = {}


def person_name(rng: random.Random, gender: str) -> str:
    surname = weighted(rng, SURNAMES)
    pool = GIVEN_FEMALE if gender == "female" else GIVEN_MALE
    if rng.random() < 0.35:
        return surname + rng.choice(pool)
    first = rng.choice(GIVEN_ANY) if rng.random() < 0.4 else rng.choice(pool)
    return surname + first + rng.choice(pool)


def title_for_age(rng: random.Random, age: int) -> str:
    if age < 28:
        return rng.choices(["junior", "none", "intermediate"], [60, 35, 5])[0]
    if age < 36:
        return rng.choices(["junior", "intermediate", "senior_deputy", "none"], [30, 55, 10, 5])[0]
    if age < 46:
        return rng.choices(["intermediate", "senior_deputy", "junior", "senior_full"], [50, 40, 8, 2])[0]
    return rng.choices(["senior_deputy", "intermediate", "senior_full", "junior"], [52, 38, 6, 4])[0]
