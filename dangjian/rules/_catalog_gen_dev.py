"""Catalogue data: GEN and DEV rules (summaries written for dangjian, not quotations)."""
from ._rule import DOC_CIVIL, DOC_CON, DOC_DEV, DOC_HOLIDAY, DOC_PROJECT, rule

_R = "recruitment."

GEN_RULES = [
    rule("GEN-01", "含本数与不含本数", "“以上、以下、以内、届满”含本数；“不满、超过、以外”不含本数。",
         DOC_CIVIL, "第一千二百五十九条", "R", "votes.more_than_half votes.half_or_more"),
    rule("GEN-02", "期间计算", "按月、年计算的期间，开始当日不计入，以到期月的对应日为末日；没有对应日的，以该月最后一日为末日。"
         "末日遇节假日顺延的规定默认不适用于党内期限，可在本地设置中开启。",
         DOC_CIVIL, "第二百零一条至第二百零三条", "R", "periods.add_months periods.add_years periods.deadline"),
    rule("GEN-03", "工作日", "工作日不含周六、周日和国务院办公厅通知的法定节假日，调休上班日计入；公示首日为工作日的计入。"
         "未录入年度节假日安排的，按周末推算并标注为暂定。",
         DOC_HOLIDAY, "", "R", "workdays.is_workday workdays.nth_workday workdays.workdays_between"),
    rule("GEN-04", "“一般”“原则上”", "条文写“一般”“原则上”的，违反时给出警告；写“必须”“不得”“不能”的，违反时给出错误。",
         DOC_PROJECT, "", "C", "findings.level_for_wording"),
    rule("GEN-05", "年满十八岁", "自十八周岁生日当日起视为年满十八岁；2月29日出生者的平年生日、是否自次日起算可在本地设置中调整。",
         DOC_CON, "第一条", "R", "periods.anniversary recruitment.is_adult_on"),
]

DEV_RULES = [
    rule("DEV-01", "入党申请人条件", "年满十八岁的工人、农民、军人、知识分子和其他社会阶层的先进分子可以申请入党；未满十八岁的申请无效。",
         DOC_DEV, "第五条", "T", _R + "is_adult_on " + _R + "check_case", "第五条"),
    rule("DEV-02", "入党申请的递交", "向工作、学习所在单位党组织提出；单位没有党组织的，向单位所在地、主管部门或居住地党组织提出；"
         "流动人员还可以向流动党员党组织提出。", DOC_DEV, "第六条", "T", _R + "application_org_valid", "第六条"),
    rule("DEV-03", "一个月内派人谈话", "党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话。",
         DOC_DEV, "第七条", "T", _R + "talk_deadline " + _R + "check_case", "第七条"),
    rule("DEV-04", "确定入党积极分子", "经党员推荐或群团组织推优，由支部委员会（不设支委会的由支部党员大会）研究确定，并报上级党委备案。",
         DOC_DEV, "第八条", "T", _R + "check_case", "第八条"),
    rule("DEV-05", "培养联系人", "党组织为每名入党积极分子指定一至两名正式党员作培养联系人。",
         DOC_DEV, "第九条", "T", _R + "mentors_findings", "第九条"),
    rule("DEV-06", "每半年考察一次", "党支部每半年对入党积极分子进行一次考察；基层党委每年对入党积极分子队伍进行一次分析。",
         DOC_DEV, "第十一条", "T", _R + "review_due " + _R + "check_case", "第十一条"),
    rule("DEV-07", "一年以上培养考察", "入党积极分子经过一年以上培养教育和考察，方可列为发展对象；工作单位变动的，培养教育时间可以连续计算。",
         DOC_DEV, "第十三条", "T", _R + "earliest_candidate_date " + _R + "check_case", "第十三条"),
    rule("DEV-08", "确定发展对象和公示", "听取党小组、培养联系人、党员和群众意见，支部委员会研究并报上级党委同意，"
         "在工作、学习或居住地公示不少于五个工作日（流动人员在流出地和流入地均公示）后，方可列为发展对象。"
         "2014年细则为支部委员会讨论同意后报上级党委备案，未规定公示。",
         DOC_DEV, "第十三条", "T", _R + "publicity_end " + _R + "earliest_listing_date " + _R + "check_case", "第十三条"),
    rule("DEV-09", "入党介绍人", "须有两名正式党员作入党介绍人；受留党察看处分尚未恢复党员权利的不能担任，"
         "受警告、严重警告、撤销党内职务处分影响期未满的不宜担任。",
         DOC_DEV, "第十四条", "T", _R + "sponsors_findings", "第十四条"),
    rule("DEV-10", "政治审查", "发展对象须经政治审查并形成结论性材料；未经政治审查或政治审查不合格的不能发展入党；"
         "流动人员还须征求户籍所在地和现居住地基层党组织意见。", DOC_DEV, "第十六条", "T", _R + "check_case", "第十六条"),
    rule("DEV-11", "集中培训", "发展入党前须经不少于三天或不少于二十四学时的集中培训；未经培训的，除个别特殊情况外，不能发展入党。",
         DOC_DEV, "第十七条", "T", _R + "training_sufficient " + _R + "check_case", "第十七条"),
    rule("DEV-12", "支委会审查和上级党委预审", "支部委员会审查后报具有审批权限的基层党委预审，预审合格后发放入党志愿书；"
         "发展对象三个月内将离开工作、学习单位的，一般不办理接收手续。",
         DOC_DEV, "第十八条", "T", _R + "leaving_within_3_months " + _R + "check_case", "第十九条"),
    rule("DEV-13", "预审后一个月内召开党员大会", "预审合格后，党支部应在一个月内召开党支部党员大会讨论接收预备党员（2026年修订新增）。",
         DOC_DEV, "第十九条", "T", _R + "branch_meeting_deadline " + _R + "check_case"),
    rule("DEV-14", "接收预备党员的表决", "到会有表决权的正式党员超过应到会有表决权党员半数，会议有效；赞成人数（含会前正式提交的书面意见）"
         "超过应到会有表决权党员半数，方能通过；两人以上的逐个讨论、逐个表决。",
         DOC_DEV, "第十九条、第二十条", "T", "votes.branch_vote votes.has_voting_rights " + _R + "check_case"),
    rule("DEV-15", "审批前谈话", "上级党委审批前，应当指派党委委员或组织员同发展对象谈话，并形成谈话记录。",
         DOC_DEV, "第二十三条", "T", _R + "check_case"),
    rule("DEV-16", "审批机关", "接收预备党员须由党委集体讨论、逐个表决审批；党总支、党组和临时党组织等不能审批预备党员。",
         DOC_DEV, "第二十二条、第二十四条", "T", _R + "approver_valid " + _R + "check_case"),
    rule("DEV-17", "审批期限", "上级党委应在三个月内审批，特殊情况可适当延长，但不得超过六个月；审批后报再上一级党委组织部门备案。",
         DOC_DEV, "第二十五条", "T", _R + "approval_deadlines " + _R + "check_case"),
    rule("DEV-18", "入党宣誓", "预备党员一般在上级党委批准后一个月内进行入党宣誓；县级以上党委可在重大纪念日集中组织宣誓。",
         DOC_DEV, "第二十九条", "T", _R + "oath_deadline " + _R + "check_case"),
    rule("DEV-19", "预备期", "预备期为一年，自支部党员大会通过其为预备党员之日起计算；党龄自预备期满转为正式党员之日起计算。",
         DOC_DEV, "第三十一条、第三十三条", "T", _R + "probation_end"),
    rule("DEV-20", "转正、延长预备期、取消资格", "预备期满及时讨论按期转正、延长预备期或取消预备党员资格；延长预备期不少于半年、"
         "最长不超过一年，只能延长一次（2014年细则仅规定不超过一年）；均须支部党员大会决议并报上级党组织批准。",
         DOC_DEV, "第三十一条、第三十二条", "T", _R + "extension_valid " + _R + "check_case"),
    rule("DEV-21", "转正程序和审批期限", "本人提出书面转正申请，听取意见，支委会审查，支部党员大会讨论表决，上级党委在三个月内审批；"
         "转正时间为预备期满之日。", DOC_DEV, "第三十二条、第三十三条", "T",
         _R + "conversion_approval_deadline " + _R + "conversion_date " + _R + "check_case"),
    rule("DEV-22", "转入的预备党员", "转入的预备党员，接收党支部可在其预备期满后最多推迟六个月讨论转正，转正时间仍为原预备期满之日。",
         DOC_DEV, "第三十四条、第三十五条", "T", _R + "transferred_discussion_deadline " + _R + "check_case"),
    rule("DEV-23", "入党材料归档", "转正后，入党志愿书、入党申请书、积极分子考察表、政治审查材料、预备党员考察表和转正申请书交党委存入档案。",
         DOC_DEV, "第三十六条", "T", _R + "missing_archive_documents " + _R + "check_case"),
    rule("DEV-24", "预备期的党费和权利", "预备党员自支部大会通过之日起交纳党费；转正前没有表决权、选举权和被选举权。",
         DOC_CON, "第七条", "T", "dues.first_dues_month votes.has_voting_rights"),
]
