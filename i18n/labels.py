"""English names of the contract's category labels (Chinese is the canonical form)."""

from __future__ import annotations

LABELS_EN: dict[str, str] = {
    # sectors
    "社区": "Communities",
    "国有企业": "State enterprises",
    "非公企业": "Private enterprises",
    "楼宇": "Office buildings",
    "行业商协会": "Trade associations",
    "社会组织": "Social organisations",
    "机关事业单位": "Public institutions",
    # organisation types
    "党委": "Party committees",
    "党总支": "General branches",
    "党支部": "Branches",
    # gender
    "男": "Men",
    "女": "Women",
    # age bands
    "30岁及以下": "30 and under",
    "31至35岁": "31-35",
    "36至40岁": "36-40",
    "41至45岁": "41-45",
    "46至50岁": "46-50",
    "51至55岁": "51-55",
    "56至60岁": "56-60",
    "61岁及以上": "61 and over",
    # party standing
    "预备党员": "Probationary",
    "不满5年": "Under 5 years",
    "5至9年": "5-9 years",
    "10至19年": "10-19 years",
    "20至29年": "20-29 years",
    "30至39年": "30-39 years",
    "40至49年": "40-49 years",
    "50年及以上": "50 years and over",
    # education
    "研究生": "Postgraduate",
    "大学本科": "Bachelor's degree",
    "大学专科": "Junior college",
    "中专": "Secondary vocational",
    "高中": "High school",
    "初中及以下": "Middle school or less",
    # occupation
    "工人": "Workers",
    "农牧渔民": "Farmers, herders, fishers",
    "专业技术人员": "Professionals",
    "管理人员": "Managers",
    "党政机关工作人员": "Government staff",
    "学生": "Students",
    "其他职业人员": "Other occupations",
    "离退休人员": "Retired",
    # ethnicity
    "汉族": "Han",
    "少数民族": "Ethnic minorities",
    "未填": "Not recorded",
    # reasons for leaving
    "转出": "Transferred out",
    "死亡": "Died",
    "出党": "Left the Party",
    "其他": "Other",
    # patents and activities
    "发明": "Invention",
    "实用新型": "Utility model",
    "外观设计": "Design",
    "支部党员大会": "Branch general meeting",
    "支委会": "Branch committee meeting",
    "党小组会": "Party group meeting",
    "党课": "Party lecture",
    "主题党日": "Themed Party day",
    "组织生活会": "Organisational life meeting",
    "志愿服务": "Volunteering",
    # member type and Party standing
    "正式党员": "Full member",
    "正常": "Normal",
    "停止党籍": "Membership suspended",
    "保留党籍": "Membership retained",
    # leaving the 发展党员 pipeline
    "本人撤回": "Withdrew",
    "不具备条件": "Not eligible",
    # how a 两新组织 unit is covered
    "单独组建": "Own organisation",
    "联合组建": "Joint organisation",
    "未建": "Not formed",
}


def label(value: object, lang: str = "zh") -> str:
    """A category label in the UI language; unknown labels (names) are returned as they are."""
    text = "" if value is None else str(value)
    if lang == "en":
        return LABELS_EN.get(text, text)
    return text
