"""Catalogue data: EDU, MGMT, EVAL, STAT, PUB and CON rules."""
from ._rule import DOC_CON, DOC_EDU, DOC_EVAL, DOC_PLAN, DOC_PUB, DOC_STAT, rule

EDU_RULES = [
    rule("EDU-01", "党员学时", "党员每年参加集中学习培训一般不少于32学时（1天计8学时，半天4学时，1小时1学时），按自然年度计算、不结转。",
         DOC_PLAN, "", "S", "learning.study_hours learning.check_study_hours"),
    rule("EDU-02", "书记和班子成员学时", "基层党组织书记和班子成员每年一般不少于56学时，至少参加一次集中培训；新任书记一般在半年内参加培训。",
         DOC_PLAN, "", "S", "learning.check_study_hours learning.new_secretary_training_due"),
    rule("EDU-03", "预备党员和新党员培训", "预备期内和转正后一年内，一般参加一次上级党组织组织的集中培训。",
         DOC_PLAN, "", "S", "learning.new_member_training_findings"),
]

MGMT_RULES = [
    rule("MGMT-01", "党籍起算", "党员的党籍自支部党员大会通过其为预备党员之日起计算，以上级党委批准为前提。",
         DOC_EDU, "第二十四条", "T", "membership.party_standing_start"),
    rule("MGMT-02", "出国（境）党员停止党籍", "私自出国（境）并长期滞留不归的，出国（境）学习研究超过五年仍未回国的，一般停止其党籍。",
         DOC_EDU, "第二十四条", "T", "membership.abroad_review_date"),
    rule("MGMT-03", "失联党员", "与党组织失去联系六个月以上、经多方查找仍无下落的，停止其党籍；停止党籍两年后仍无法取得联系的，按自行脱党除名。",
         DOC_EDU, "第二十四条", "T", "membership.suspension_eligible_from membership.removal_eligible_from"),
    rule("MGMT-04", "组织关系", "每个党员必须编入一个党的支部、小组或其他特定组织；工作单位、经常居住地变动，"
         "或外出学习、工作、生活六个月以上且地点相对固定的，应当转移组织关系。",
         DOC_EDU, "第二十五条", "T", "membership.membership_findings membership.transfer_findings"),
    rule("MGMT-05", "流动党员", "外出地点不固定或外出不满六个月的，组织关系不转移，由原党支部管理，可持流动党员活动证在流入地参加活动、交纳党费。",
         DOC_EDU, "第二十五条", "S", "membership.is_mobile dues.payee_valid"),
    rule("MGMT-06", "处置不合格党员", "对缺乏革命意志、不履行党员义务、不符合党员条件的党员，应当教育并限期改正；经教育仍无转变的劝其退党，"
         "劝而不退的予以除名；劝退、除名须经支部党员大会决定并报上级党组织批准。",
         DOC_CON, "第九条", "T", "membership.correction_deadline membership.disposal_findings"),
]

OTHER_RULES = [
    rule("EVAL-01", "民主评议等次", "评议结果分为优秀、合格、基本合格、不合格四个等次（本地可设为三个等次）；结果报上级党组织并告知本人，"
         "不简单以票取人；评为不合格的按处置不合格党员的规定办理。", DOC_EVAL, "", "R",
         "appraisal.grade_choices appraisal.validate_grade appraisal.unqualified_followup_findings"),
    rule("STAT-01", "年度统计时点", "党内统计以每年12月31日为时点，党员按正式组织关系统计；发展党员和转正按上级党委批准日期所在年度统计。",
         DOC_STAT, "", "S", "party_statistics.snapshot_date party_statistics.statistics_year party_statistics.in_snapshot"),
    rule("PUB-01", "基层党组织公开的内容", "基层党组织一般在本组织范围内公开贯彻落实上级决策部署、组织生活、发展党员、换届选举、"
         "民主评议、党费收缴使用和管理等情况；与群众切身利益相关的可向社会公开。",
         DOC_PUB, "第十一条、第十二条（条号待核）", "R", "disclosure.topic_scope"),
    rule("PUB-02", "党务公开程序", "列入党务公开目录的事项按提出、审核、审批、实施四个步骤公开，每个步骤均应有记录。",
         DOC_PUB, "第十五条", "T", "disclosure.disclosure_findings"),
    rule("PUB-03", "党务公开方式", "党内公开采取会议、文件、简报、内网等方式；向社会公开采取公报、新闻发布会、报刊网站等方式；"
         "涉及党和国家秘密的不得公开；党费收缴使用情况应以公告或会议形式公布。",
         DOC_PUB, "第三章", "R", "disclosure.method_findings"),
]

_C = "constitution.article_for"
CON_RULES = [
    rule("CON-01", "党员条件和按期交纳党费", "年满十八岁可以申请入党；党员须按期交纳党费。", DOC_CON, "第一条", "T",
         _C + " recruitment.is_adult_on dues.monthly_dues"),
    rule("CON-02", "入党介绍人和接收程序", "须有两名正式党员作介绍人，经支部大会通过和上级党组织批准，并经过预备期考察。",
         DOC_CON, "第五条", "T", _C + " recruitment.sponsors_findings votes.branch_vote"),
    rule("CON-03", "入党宣誓", "预备党员必须面向党旗进行入党宣誓（誓词见党章第六条）。", DOC_CON, "第六条", "T",
         _C + " recruitment.oath_deadline"),
    rule("CON-04", "预备期", "预备期为一年；预备党员没有表决权、选举权和被选举权；延长预备期不能超过一年；预备期自支部大会通过之日算起，"
         "党龄自转为正式党员之日算起。", DOC_CON, "第七条", "T", _C + " recruitment.probation_end recruitment.extension_valid"),
    rule("CON-05", "编入党的组织", "每个党员必须编入党的一个支部、小组或其他特定组织，不允许有不参加党的组织生活的特殊党员。",
         DOC_CON, "第八条", "T", _C + " membership.membership_findings"),
    rule("CON-06", "退党、限期改正和自行脱党", "党员有退党自由；不合格党员限期改正、劝退、除名；连续六个月不参加组织生活、不交纳党费"
         "或不做党所分配的工作，被认为是自行脱党。", DOC_CON, "第九条", "T",
         _C + " membership.org_life_lapse_finding dues_arrears.arrears_finding"),
    rule("CON-07", "党务公开", "党组织按照规定实行党务公开。", DOC_CON, "第十条", "T", _C + " disclosure.disclosure_findings"),
    rule("CON-08", "选举", "党的选举采用无记名投票方式，可以直接采用候选人数多于应选人数的差额选举。", DOC_CON, "第十一条", "T",
         _C + " votes.candidates_sufficient"),
    rule("CON-09", "成立基层组织", "凡有正式党员三人以上的，都应当成立党的基层组织。", DOC_CON, "第三十条", "T",
         _C + " orgs.must_set_up_branch"),
    rule("CON-10", "基层委员会任期和书记报批", "基层委员会每届任期三年至五年；书记、副书记选举产生后报上级党组织批准。",
         DOC_CON, "第三十一条", "T", _C + " orgs.term_end orgs.secretary_findings"),
    rule("CON-11", "党支部的职责", "党支部直接负责党员的教育、管理、监督和组织群众、宣传群众、凝聚群众、服务群众。",
         DOC_CON, "第三十四条", "T"),
]
