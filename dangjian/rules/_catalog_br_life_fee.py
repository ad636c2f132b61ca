"""Catalogue data: BR, LIFE and FEE rules (summaries written for dangjian, not quotations)."""
from ._rule import DOC_BR, DOC_CON, DOC_ELECT, DOC_FEE, DOC_PROJECT, DOC_TERM, rule

BR_RULES = [
    rule("BR-01", "党支部的设立", "有正式党员三人以上的单位应当成立党支部（预备党员不计）；不足三人的可以成立联合党支部，"
         "联合党支部覆盖单位一般不超过五个。", DOC_BR, "第二章", "S", "orgs.must_set_up_branch orgs.check_branch"),
    rule("BR-02", "党支部规模", "党支部党员人数一般不超过五十人，超过的宜分设党支部或成立党总支。",
         DOC_BR, "第二章", "S", "orgs.check_branch"),
    rule("BR-03", "支部委员会的设立", "正式党员七人以上的党支部设立支部委员会，由三至五人组成，一般不超过七人；"
         "不足七人的设书记一名，必要时设副书记一名。", DOC_BR, "第六章", "S", "orgs.check_branch"),
    rule("BR-04", "任期", "党支部委员会（不设委员会的支部书记）每届任期一般为三年，村和社区为五年。",
         DOC_TERM, "二", "S", "orgs.term_end"),
    rule("BR-05", "按期换届", "任期届满应当按期换届；提前或延期换届须报上级党组织批准，延期时间一般不超过一年。",
         DOC_ELECT, "第三条", "T", "orgs.election_findings orgs.check_branch"),
    rule("BR-06", "书记、副书记报批", "支部书记、副书记选举产生后，应当报上级党组织批准，批准后方可任职。",
         DOC_CON, "第三十一条", "T", "orgs.secretary_findings"),
    rule("BR-07", "选举程序", "选举实行无记名投票；委员候选人差额不少于应选人数的百分之二十，书记、副书记可等额选举；"
         "到会有选举权的党员超过应到会人数五分之四，选举有效；赞成票超过实到会有选举权人数半数的始得当选（基数可在本地设置调整）。",
         DOC_ELECT, "", "R", "votes.election_valid votes.elected votes.candidates_sufficient"),
]

LIFE_RULES = [
    rule("LIFE-01", "支部党员大会", "支部党员大会一般每季度召开一次；表决时到会有表决权党员超过应到会半数，赞成超过应到会半数。",
         DOC_BR, "第十一条", "S", "org_life.required_meetings org_life.check_meetings votes.branch_vote"),
    rule("LIFE-02", "支部委员会会议", "支部委员会会议一般每月召开一次，根据需要随时召开；须有半数以上委员到会方能举行。",
         DOC_BR, "第十二条", "T", "votes.committee_quorum org_life.check_meetings"),
    rule("LIFE-03", "党小组会", "党员人数较多或分布较散的党支部应划分党小组；党小组会一般每月召开一次。",
         DOC_BR, "第十三条", "T", "org_life.required_meetings org_life.check_meetings"),
    rule("LIFE-04", "会议召集和主持", "支部党员大会、支委会由书记召集并主持，书记不能参加时可委托副书记或委员；党小组会由党小组组长召集。",
         DOC_BR, "第十四条", "T", "org_life.chair_findings"),
    rule("LIFE-05", "党课", "党员领导干部定期为基层党员讲党课，党委（党组）书记每年至少讲一次党课；"
         "党支部党课频次由本地规定，默认每季度至少一次。", DOC_BR, "第十六条", "S",
         "org_life.required_meetings org_life.check_meetings"),
    rule("LIFE-06", "主题党日", "党支部每月相对固定一天开展主题党日。", DOC_BR, "第五章", "S",
         "org_life.required_meetings org_life.check_meetings"),
    rule("LIFE-07", "组织生活会", "组织生活会一般每年召开一次，一般安排在第四季度。", DOC_BR, "第五章", "S",
         "org_life.org_life_review_findings"),
    rule("LIFE-08", "民主评议党员", "民主评议党员一般每年开展一次，可以与组织生活会结合进行。", DOC_BR, "第五章", "S",
         "org_life.required_meetings org_life.check_meetings"),
    rule("LIFE-09", "谈心谈话", "支部委员之间、支部委员和党员之间、党员和党员之间，每年谈心谈话一般不少于一次。",
         DOC_BR, "第五章", "S", "org_life.talk_findings"),
    rule("LIFE-10", "双重组织生活", "党员领导干部应当以普通党员身份参加所在党支部或党小组的组织生活。",
         DOC_BR, "第五章", "S"),
]

FEE_RULES = [
    rule("FEE-01", "在职党员的交纳基数", "以每月工资收入中相对固定、经常性的部分为基数，税后即扣除个人所得税；"
         "住房公积金、通讯补贴等改革性补贴和特殊岗位津贴不计入；是否再扣除个人缴纳的五险一金由本地设置。",
         DOC_FEE, "第一条", "S", "dues.dues_base"),
    rule("FEE-02", "在职党员的交纳比例", "月收入（税后）3000元以下（含）交0.5%，3000元以上至5000元（含）交1%，"
         "5000元以上至10000元（含）交1.5%，10000元以上交2%，按全额累进计算。",
         DOC_FEE, "第二条", "S", "dues.dues_rate dues.monthly_dues"),
    rule("FEE-03", "年薪制和无固定工资党员", "实行年薪制的以当月实际领取的收入为基数；没有固定工资收入的以上一季度月平均纯收入为基数，"
         "比例同在职党员。", DOC_FEE, "第三条、第四条", "S", "dues.quarter_average_base"),
    rule("FEE-04", "离退休党员", "以实际领取的离退休费或养老金为基数，5000元以下（含）交0.5%，5000元以上交1%。",
         DOC_FEE, "第五条", "S", "dues.dues_rate dues.monthly_dues"),
    rule("FEE-05", "定额交纳", "农民党员每月交纳0.2元至1元；学生党员、下岗失业党员、依靠抚恤或救济生活的党员、"
         "领取最低生活保障金的党员每月交纳0.2元。", DOC_FEE, "第六条", "S", "dues.monthly_dues"),
    rule("FEE-06", "少交或免交", "生活确有困难的党员，经党支部研究并报上一级党委批准，可以少交或免交党费。",
         DOC_FEE, "第七条", "S", "dues.reduction_findings"),
    rule("FEE-07", "预备党员交纳党费", "预备党员从支部大会通过其为预备党员之日起交纳党费，本系统自当月起计。",
         DOC_FEE, "第八条", "S", "dues.first_dues_month"),
    rule("FEE-08", "交纳地点", "党员一般向组织关系所在的党支部交纳党费；持流动党员活动证的可向流入地党支部交纳。",
         DOC_FEE, "第九条", "S", "dues.payee_valid"),
    rule("FEE-09", "收入变化后的基数", "工资收入发生变化后，从发放新工资的当月起按新基数交纳；部分单位年初核定基数、年内一般不变。",
         DOC_FEE, "第十条", "S", "dues.base_for_month"),
    rule("FEE-10", "自愿多交党费", "党员自愿多交党费不限；一次自愿多交1000元以上的，全部上缴中央。",
         DOC_FEE, "第十一条", "R", "dues.voluntary_to_central"),
    rule("FEE-11", "按月交纳和补交", "党费按月交纳；经党支部同意可按季度交纳、委托代交或补交，补交一般不超过六个月。",
         DOC_FEE, "第十二条", "S", "dues_arrears.catch_up_findings"),
    rule("FEE-12", "连续六个月不交纳党费", "不按时交纳党费的应批评教育、限期改正；无正当理由连续六个月不交纳党费的，按自行脱党处理，"
         "由支部党员大会决定除名并报上级党组织批准。", DOC_FEE, "第十三条", "S",
         "dues_arrears.unpaid_run dues_arrears.arrears_finding"),
    rule("FEE-13", "金额舍入", "全国规定未明确舍入方法；本系统以十进制精确计算，默认四舍五入保留到分，同时保存精确值，可在本地设置调整。",
         DOC_PROJECT, "", "C", "dues.monthly_dues dues.exact_dues"),
]
