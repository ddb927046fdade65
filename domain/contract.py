"""The data contract: the one definition of the datasets.

Every column of every dataset is declared here once. The header aliases, the value
normalisation, the validation, the typed output (see ``ingest.schemas``) and the tables in
``data/README.md`` (see ``ingest.docs``) are all derived from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a column's cells are parsed and typed."""

    TEXT = "text"  # free text, dtype str
    CATEGORY = "category"  # one of `allowed`, dtype category
    DATE = "date"  # a calendar day, dtype datetime64[us]
    INT = "int"  # a whole number >= 0, dtype Int64
    NUMBER = "number"  # a number >= 0, dtype float64
    BOOL = "bool"  # 是/否, dtype boolean
    ID_NUMBER = "id_number"  # 身份证号: replaced by a salted hash as it is read
    PHONE = "phone"  # 手机号码, 固定电话: dropped as it is read
    ADDRESS = "address"  # 家庭住址: dropped as it is read


DROPPED_KINDS: frozenset[Kind] = frozenset({Kind.PHONE, Kind.ADDRESS})


SECTORS: tuple[str, ...] = (
    "社区",
    "国有企业",
    "非公企业",
    "楼宇",
    "行业商协会",
    "社会组织",
    "机关事业单位",
)
SECTOR_EN: dict[str, str] = {
    "社区": "community",
    "国有企业": "state_enterprise",
    "非公企业": "private_enterprise",
    "楼宇": "building",
    "行业商协会": "association",
    "社会组织": "social_org",
    "机关事业单位": "public_institution",
}
ORG_TYPES: tuple[str, ...] = ("党委", "党总支", "党支部")
GENDERS: tuple[str, ...] = ("男", "女")
EDUCATION: tuple[str, ...] = ("研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下")
OCCUPATIONS: tuple[str, ...] = (
    "工人",
    "农牧渔民",
    "专业技术人员",
    "管理人员",
    "党政机关工作人员",
    "学生",
    "其他职业人员",
    "离退休人员",
)
# 减少原因: the four groups every flow counts (LEFT_REASONS), and the finer reasons a file may
# give (LEFT_KINDS, as the 党内统计年报's 表一 tells them apart: 出党's kinds, 停止党籍 and
# 整建制转出); each finer reason belongs to one group (LEFT_GROUP).
LEFT_REASONS: tuple[str, ...] = ("转出", "死亡", "出党", "其他")
LEFT_KINDS: tuple[str, ...] = (
    "转出",
    "整建制转出",
    "死亡",
    "出党",
    "开除党籍",
    "除名",
    "退党",
    "取消预备党员资格",
    "停止党籍",
    "其他",
)
LEFT_GROUP: dict[str, str] = {
    "转出": "转出",
    "整建制转出": "转出",
    "死亡": "死亡",
    "出党": "出党",
    "开除党籍": "出党",
    "除名": "出党",
    "退党": "出党",
    "取消预备党员资格": "出党",
    "停止党籍": "其他",
    "其他": "其他",
}
# 增加方式: how a member came to be registered here (optional; blank: told by the dates).
JOIN_KINDS: tuple[str, ...] = ("发展", "转入", "整建制转入", "恢复党籍")
MEMBER_TYPES: tuple[str, ...] = ("正式党员", "预备党员")
PARTY_STATUSES: tuple[str, ...] = ("正常", "停止党籍", "保留党籍", "其他")
WITHDRAWN_REASONS: tuple[str, ...] = ("本人撤回", "不具备条件", "转出", "其他")
UNIT_KINDS: tuple[str, ...] = ("非公企业", "社会组织")  # 两新组织: the two kinds
COVERAGE: tuple[str, ...] = (
    "单独组建",
    "联合组建",
    "未建",
)  # how a unit's Party organisation is set up

# Headers of the official forms that hold nothing to keep: passed over without a warning.
IGNORED_HEADERS: tuple[str, ...] = ("序号",)
PATENT_KINDS: tuple[str, ...] = ("发明", "实用新型", "外观设计")
ACTIVITY_KINDS: tuple[str, ...] = (
    "支部党员大会",
    "支委会",
    "党小组会",
    "党课",
    "主题党日",
    "组织生活会",
    "志愿服务",
    "其他",
)

# Category columns whose order carries meaning (for sorting and charts).
ORDERED_CATEGORIES: frozenset[tuple[str, ...]] = frozenset({EDUCATION})


@dataclass(frozen=True)
class Field:
    """One column of a dataset.

    name: canonical English snake_case name, used in code.
    zh: the Chinese header written in templates and the sample data.
    aliases: other headers accepted for this column (matched after normalisation).
    ref: the dataset whose ``branch_id`` this column must name (a foreign key).
    resolves: the id column this column supplies by the organisation's full name (所在党支部
        → branch_id, matched to 组织名称); read, resolved, and not kept.
    fallback: the column that supplies this one where it is absent or blank (branch_id from
        its full name; member_id from the salted hash of 身份证号).
    planned: a date that may lie in the future (a term's end); every other date is of
        something that has happened, so a date after the day of the check is an error.
    """

    name: str
    zh: str
    kind: Kind
    required: bool = False
    unique: bool = False
    allowed: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    ref: str | None = None
    planned: bool = False
    resolves: str | None = None
    fallback: str | None = None

    @property
    def stored(self) -> bool:
        """Whether the column is kept in the typed table (personal data dropped as read and
        names resolved to ids are not; 身份证号 is kept as its hash, ``id_hash``)."""
        return self.kind not in DROPPED_KINDS and self.resolves is None

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header accepted for this column: canonical name, Chinese header, aliases."""
        return (self.name, self.zh, *self.aliases)


@dataclass(frozen=True)
class DateOrder:
    """A rule between two dates of one record: ``later`` is never before ``earlier`` (an
    error ``code`` at ``later``). The message names the earlier date by the placeholder
    ``named`` (``{joined}``), or, when None, by its header (``{earlier}``) and value
    (``{date}``). ``or_else``: the column that stands in for a blank ``earlier``.
    ``needs_earlier``: ``later`` given without ``earlier`` is an error too
    (``logic.stage_missing``: a stage of the ledger needs the one before it)."""

    later: str
    earlier: str
    code: str
    named: str | None = None
    or_else: str | None = None
    needs_earlier: bool = False


@dataclass(frozen=True)
class Dataset:
    """One of the datasets: its name, Chinese title and columns.

    record_key: the columns that together name a record, for a dataset without a unique id column
    (a plan is one organisation's in one year); empty when ``id_field`` names records.
    order: the rules between its dates, checked by one checker (``ingest.records``).
    """

    name: str
    zh: str
    fields: tuple[Field, ...]
    required_dataset: bool
    file_keywords: tuple[str, ...] = field(default=())
    record_key: tuple[str, ...] = ()
    order: tuple[DateOrder, ...] = ()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def id_field(self) -> Field | None:
        """The column whose value names a record alone; None for a dataset keyed by
        ``record_key``."""
        return next((f for f in self.fields if f.unique), None)

    @property
    def key_fields(self) -> tuple[Field, ...]:
        """The columns that name a record: ``record_key``'s, or the id column."""
        if self.record_key:
            return tuple(self.field(name) for name in self.record_key)
        return (self.id_field,) if self.id_field else ()


_BRANCH_REF = ("党组织编号", "所在党组织编号", "支部编号", "所在支部编号")
_BRANCH_NAMES = (
    "所在党组织",
    "所在党组织名称",
    "所在党支部",
    "所在党支部名称",
    "组织关系所在党支部",
    "组织关系所在党组织",
    "党组织名称",
    "党组织全称",
    "党支部名称",
    "支部名称",
    "所在支部",
)


def _branch_name(zh: str) -> Field:
    """The organisation named by its full name instead of its 组织编号 (see Field.resolves)."""
    return Field(
        "branch_name",
        zh,
        Kind.TEXT,
        aliases=tuple(a for a in _BRANCH_NAMES if a != zh),
        resolves="branch_id",
    )


BRANCHES = Dataset(
    name="branches",
    zh="党组织",
    required_dataset=True,
    order=(DateOrder("dissolved_on", "founded_on", "logic.dissolved_before_founded", "founded"),),
    file_keywords=(
        "branches",
        "branch",
        "organisations",
        "organizations",
        "党组织",
        "支部",
        "组织",
    ),
    fields=(
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            required=True,
            unique=True,
            aliases=("党组织编号", "党组织编码", "党组织代码", "组织代码", "支部编号", "编号"),
        ),
        Field(
            "name",
            "组织名称",
            Kind.TEXT,
            required=True,
            aliases=("党组织名称", "党组织全称", "组织全称", "支部名称", "名称"),
        ),
        Field(
            "org_type",
            "组织类型",
            Kind.CATEGORY,
            required=True,
            allowed=ORG_TYPES,
            aliases=("党组织类型", "党组织类别", "组织类别", "类型"),
        ),
        Field(
            "sector",
            "所属领域",
            Kind.CATEGORY,
            required=True,
            allowed=SECTORS,
            aliases=("领域", "行业领域", "所在领域"),
        ),
        Field(
            "parent_id",
            "上级组织编号",
            Kind.TEXT,
            aliases=("上级党组织编号", "上级党组织编码", "上级编号"),
            ref="branches",
            fallback="parent_name",
        ),
        Field(
            "parent_name",
            "上级党组织名称",
            Kind.TEXT,
            aliases=("批准成立的上级党组织", "上级党组织", "上级党组织全称", "批准成立上级党组织"),
            resolves="parent_id",
        ),
        Field(
            "community",
            "所在社区",
            Kind.TEXT,
            aliases=("社区",),
        ),
        Field(
            "founded_on",
            "成立日期",
            Kind.DATE,
            required=True,
            aliases=("成立时间", "建立日期", "组建日期", "批准成立日期", "党组织成立日期"),
        ),
        Field(
            "dissolved_on",
            "撤销日期",
            Kind.DATE,
            aliases=("撤销时间",),
        ),
        Field(
            "term_ends_on",
            "届满日期",
            Kind.DATE,
            aliases=("任期届满日期", "届满时间", "换届到期日期"),
            planned=True,
        ),
        Field(
            "service_center",
            "党群服务中心",
            Kind.BOOL,
            aliases=("是否建有党群服务中心", "有无党群服务中心"),
        ),
        Field(
            "instructor",
            "党建指导员",
            Kind.TEXT,
            aliases=("指导员",),
        ),
    ),
)

MEMBERS = Dataset(
    name="members",
    zh="党员",
    required_dataset=True,
    order=(
        DateOrder("joined_on", "birth_date", "logic.joined_before_birth", "birth"),
        DateOrder("registered_on", "joined_on", "logic.registered_before_joined", "joined"),
        DateOrder("full_on", "joined_on", "logic.full_before_joined", "joined"),
        DateOrder(
            "left_on",
            "registered_on",
            "logic.left_before_registered",
            "registered",
            or_else="joined_on",  # a member never transferred in was registered on joining
        ),
    ),
    file_keywords=("members", "member", "roster", "党员", "名册"),
    fields=(
        Field(
            "member_id",
            "党员编号",
            Kind.TEXT,
            required=True,
            unique=True,
            aliases=("人员编号", "编号"),
            fallback="id_number",
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("所在党支部"),
        Field(
            "name",
            "姓名",
            Kind.TEXT,
            aliases=("党员姓名",),
        ),
        Field(
            "gender",
            "性别",
            Kind.CATEGORY,
            required=True,
            allowed=GENDERS,
        ),
        Field(
            "birth_date",
            "出生日期",
            Kind.DATE,
            required=True,
            aliases=("出生年月", "出生时间"),
        ),
        Field("ethnicity", "民族", Kind.TEXT),
        Field(
            "education",
            "学历",
            Kind.CATEGORY,
            allowed=EDUCATION,
            aliases=("文化程度", "最高学历"),
        ),
        Field(
            "occupation",
            "职业",
            Kind.CATEGORY,
            allowed=OCCUPATIONS,
            aliases=("职业类别", "工作岗位"),
        ),
        Field(
            "joined_on",
            "入党日期",
            Kind.DATE,
            required=True,
            aliases=("入党时间", "加入党组织日期", "加入党组织时间"),
        ),
        Field(
            "full_on",
            "转正日期",
            Kind.DATE,
            aliases=("转正时间", "转为正式党员日期", "转为正式党员时间"),
        ),
        Field(
            "member_type",
            "人员类别",
            Kind.CATEGORY,
            allowed=MEMBER_TYPES,
            aliases=("党员类别", "党员类型"),
        ),
        Field(
            "registered_on",
            "转入日期",
            Kind.DATE,
            aliases=("转入时间", "组织关系转入日期"),
        ),
        Field(
            "left_on",
            "减少日期",
            Kind.DATE,
            aliases=("减少时间", "转出日期", "离开日期"),
        ),
        Field(
            "left_reason",
            "减少原因",
            Kind.CATEGORY,
            allowed=LEFT_KINDS,
            aliases=("减少类型", "转出原因", "减少方式", "离开类型", "离开支部类型"),
        ),
        Field(
            "joined_by",
            "增加方式",
            Kind.CATEGORY,
            allowed=JOIN_KINDS,
            aliases=("增加类型", "增加原因", "进入支部类型", "进入类型"),
        ),
        Field(
            "id_number",
            "身份证号",
            Kind.ID_NUMBER,
            aliases=("身份证号码", "公民身份号码", "公民身份证号", "公民身份证号码", "身份证"),
        ),
        Field(
            "party_status",
            "党籍状态",
            Kind.CATEGORY,
            allowed=PARTY_STATUSES,
        ),
        Field(
            "lost_contact",
            "是否为失联党员",
            Kind.BOOL,
            aliases=("失联党员", "是否失联党员", "是否失联"),
        ),
        Field(
            "lost_on",
            "失去联系日期",
            Kind.DATE,
            aliases=("失联日期", "失联时间", "失去联系时间"),
        ),
        Field(
            "floating",
            "是否为流动党员",
            Kind.BOOL,
            aliases=("流动党员", "是否流动党员"),
        ),
        Field(
            "floating_to",
            "外出流向",
            Kind.TEXT,
            aliases=("流向", "外出去向", "流动去向"),
        ),
        Field(
            "phone",
            "手机号码",
            Kind.PHONE,
            aliases=("手机号", "固定电话", "联系电话", "电话", "联系方式", "手机"),
        ),
        Field(
            "address",
            "家庭住址",
            Kind.ADDRESS,
            aliases=("现居住地", "家庭地址", "住址", "居住地址", "现居住地址", "通讯地址"),
        ),
    ),
)

PATENTS = Dataset(
    name="patents",
    zh="专利",
    required_dataset=False,
    order=(DateOrder("granted_on", "filed_on", "logic.granted_before_filed", "filed"),),
    file_keywords=("patents", "patent", "专利"),
    fields=(
        Field(
            "patent_id",
            "专利号",
            Kind.TEXT,
            required=True,
            unique=True,
            aliases=("申请号", "专利申请号"),
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("所在党组织"),
        Field(
            "kind",
            "专利类型",
            Kind.CATEGORY,
            required=True,
            allowed=PATENT_KINDS,
            aliases=("类型",),
        ),
        Field(
            "filed_on",
            "申请日期",
            Kind.DATE,
            required=True,
            aliases=("申请日",),
        ),
        Field(
            "granted_on",
            "授权日期",
            Kind.DATE,
            aliases=("授权公告日", "授权日"),
        ),
        Field("title", "专利名称", Kind.TEXT, aliases=("名称",)),
        Field("inventors", "发明人数", Kind.INT),
        Field(
            "member_inventors",
            "党员发明人数",
            Kind.INT,
        ),
    ),
)

PARTICIPATION = Dataset(
    name="participation",
    zh="组织生活与活动",
    required_dataset=False,
    file_keywords=(
        "participation",
        "activities",
        "activity",
        "活动",
        "组织生活",
        "三会一课",
        "主题党日",
    ),
    fields=(
        Field(
            "activity_id",
            "活动编号",
            Kind.TEXT,
            required=True,
            unique=True,
            aliases=("编号",),
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("所在党组织"),
        Field(
            "date",
            "活动日期",
            Kind.DATE,
            required=True,
            aliases=("日期", "活动时间", "会议日期"),
        ),
        Field(
            "kind",
            "活动类型",
            Kind.CATEGORY,
            required=True,
            allowed=ACTIVITY_KINDS,
            aliases=("类型", "会议类型"),
        ),
        Field(
            "attendees",
            "实到人数",
            Kind.INT,
            required=True,
            aliases=("参加人数", "出席人数"),
        ),
        Field(
            "expected",
            "应到人数",
            Kind.INT,
            aliases=("应参加人数",),
        ),
        Field(
            "hours",
            "时长（小时）",
            Kind.NUMBER,
            aliases=("时长", "小时数", "活动时长"),
        ),
        Field(
            "non_member_attendees",
            "群众参与人数",
            Kind.INT,
            aliases=("群众人数",),
        ),
        Field(
            "title",
            "活动名称",
            Kind.TEXT,
            aliases=("活动主题", "主题", "名称"),
        ),
    ),
)


def _person(name: str, zh: str, **kw: object) -> Field:
    """A column of the ledger that describes the person as the roster does."""
    member = MEMBERS.field(name)
    return Field(
        name,
        zh,
        member.kind,
        allowed=member.allowed,
        aliases=member.aliases,
        **kw,  # type: ignore[arg-type]  # Field's own keywords, passed through
    )


def _stage_date(name: str, zh: str, *aliases: str) -> Field:
    return Field(name, zh, Kind.DATE, aliases=aliases)


DEVELOPMENT = Dataset(
    name="development",
    zh="发展党员",
    required_dataset=False,
    # each stage after the one before it (STAGE_DATES), the talk after the application,
    # the approval after the admission, a withdrawal after applying
    order=tuple(
        DateOrder(later, earlier, "logic.stage_order", needs_earlier=True)
        for later, earlier in (
            ("activist_on", "applied_on"),
            ("candidate_on", "activist_on"),
            ("admitted_on", "candidate_on"),
            ("talked_on", "applied_on"),
            ("approved_on", "admitted_on"),
            ("withdrawn_on", "applied_on"),
        )
    ),
    file_keywords=("development", "发展党员", "入党申请", "积极分子", "发展对象"),
    fields=(
        Field(
            "person_id",
            "人员编号",
            Kind.TEXT,
            required=True,
            unique=True,
            aliases=("申请人编号", "编号"),
            fallback="id_number",
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("所在党支部"),
        Field(
            "name",
            "姓名",
            Kind.TEXT,
            aliases=("申请人姓名",),
        ),
        _person("gender", "性别", required=True),
        _person("birth_date", "出生日期", required=True),
        _person("ethnicity", "民族"),
        _person("education", "学历"),
        _person("occupation", "职业"),
        Field(
            "applied_on",
            "申请入党日期",
            Kind.DATE,
            required=True,
            aliases=("申请日期", "递交入党申请书日期", "入党申请日期", "申请入党时间"),
        ),
        _stage_date(
            "talked_on",
            "谈话日期",
            "派人谈话日期",
            "谈话时间",
        ),
        _stage_date(
            "activist_on",
            "确定入党积极分子日期",
            "确定积极分子日期",
            "列为入党积极分子日期",
            "确定入党积极分子时间",
        ),
        _stage_date(
            "candidate_on",
            "确定发展对象日期",
            "列为发展对象日期",
            "确定发展对象时间",
        ),
        Field(
            "training_days",
            "集中培训天数",
            Kind.NUMBER,
            aliases=("培训天数",),
        ),
        Field(
            "training_hours",
            "集中培训学时",
            Kind.NUMBER,
            aliases=("培训学时",),
        ),
        _stage_date(
            "admitted_on",
            "接收预备党员日期",
            "支部大会通过日期",
            "支部大会讨论日期",
            "接收日期",
        ),
        _stage_date(
            "approved_on",
            "上级党委审批日期",
            "党委审批日期",
            "审批日期",
        ),
        _stage_date(
            "withdrawn_on",
            "终止日期",
            "终止培养日期",
        ),
        Field(
            "withdrawn_reason",
            "终止原因",
            Kind.CATEGORY,
            allowed=WITHDRAWN_REASONS,
            aliases=("终止培养原因",),
        ),
        Field(
            "member_id",
            "党员编号",
            Kind.TEXT,
            ref="members",
        ),
        Field(
            "id_number",
            "身份证号",
            Kind.ID_NUMBER,
            aliases=MEMBERS.field("id_number").aliases,
        ),
        Field(
            "phone",
            "手机号码",
            Kind.PHONE,
            aliases=MEMBERS.field("phone").aliases,
        ),
    ),
)

PLANS = Dataset(
    name="plans",
    zh="发展党员计划",
    required_dataset=False,
    file_keywords=("plans", "plan", "发展计划", "发展党员计划", "年度计划"),
    record_key=("year", "branch_id"),
    fields=(
        Field(
            "year",
            "年度",
            Kind.INT,
            required=True,
            aliases=("计划年度", "年份"),
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("党组织名称"),
        Field(
            "planned",
            "计划发展党员数",
            Kind.INT,
            required=True,
            aliases=("计划发展数", "计划数", "发展计划数", "计划发展人数"),
        ),
    ),
)

UNITS = Dataset(
    name="units",
    zh="两新组织",
    required_dataset=False,
    order=(
        DateOrder("closed_on", "registered_on", "logic.unit_date_order"),
        DateOrder("covered_on", "registered_on", "logic.unit_date_order"),
    ),
    file_keywords=("units", "两新组织", "非公企业", "社会组织", "新经济组织", "新社会组织"),
    fields=(
        Field(
            "unit_id",
            "单位编号",
            Kind.TEXT,
            required=True,
            unique=True,
            aliases=("统一社会信用代码", "社会信用代码", "信用代码", "单位代码", "组织机构代码"),
        ),
        Field(
            "name",
            "单位名称",
            Kind.TEXT,
            required=True,
            aliases=("企业名称", "社会组织名称", "名称"),
        ),
        Field(
            "kind",
            "单位类型",
            Kind.CATEGORY,
            required=True,
            allowed=UNIT_KINDS,
            aliases=("单位类别", "类型", "组织类型"),
        ),
        Field(
            "community",
            "所在社区",
            Kind.TEXT,
            aliases=("社区", "所属社区"),
        ),
        Field(
            "building",
            "所在楼宇",
            Kind.TEXT,
            aliases=("楼宇", "所在商务楼宇", "楼宇名称"),
        ),
        Field(
            "staff",
            "从业人员数",
            Kind.INT,
            required=True,
            aliases=("从业人员", "从业人数", "职工人数", "员工人数"),
        ),
        Field(
            "full_members",
            "正式党员数",
            Kind.INT,
            required=True,
            aliases=("正式党员人数", "正式党员"),
        ),
        Field(
            "probationary_members",
            "预备党员数",
            Kind.INT,
            aliases=("预备党员人数", "预备党员"),
        ),
        Field(
            "coverage",
            "党组织覆盖方式",
            Kind.CATEGORY,
            required=True,
            allowed=COVERAGE,
            aliases=("覆盖方式", "组建方式", "党组织组建方式", "建立党组织情况"),
        ),
        Field(
            "branch_id",
            "所属党组织编号",
            Kind.TEXT,
            aliases=("党组织编号", "组织编号", "覆盖党组织编号"),
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("所属党组织"),
        Field(
            "instructor",
            "党建指导员",
            Kind.TEXT,
            aliases=("党建联络员", "党建工作指导员", "联络员"),
        ),
        Field(
            "union",
            "工会",
            Kind.BOOL,
            aliases=("是否建立工会", "建立工会"),
        ),
        Field(
            "youth_league",
            "共青团",
            Kind.BOOL,
            aliases=("团组织", "是否建立团组织", "建立团组织"),
        ),
        Field(
            "women_federation",
            "妇联",
            Kind.BOOL,
            aliases=("妇女组织", "是否建立妇联", "建立妇联"),
        ),
        Field(
            "registered_on",
            "成立日期",
            Kind.DATE,
            aliases=("登记日期", "注册日期", "成立时间"),
        ),
        Field(
            "closed_on",
            "注销日期",
            Kind.DATE,
            aliases=("注销时间", "迁出日期"),
        ),
        Field(
            "covered_on",
            "覆盖日期",
            Kind.DATE,
            aliases=("组建日期", "建立党组织日期", "覆盖时间"),
        ),
    ),
)

# The ledger's stages in order: each date needs the one before it, and none is earlier.
STAGE_DATES: tuple[str, ...] = ("applied_on", "activist_on", "candidate_on", "admitted_on")

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (BRANCHES, MEMBERS, PATENTS, PARTICIPATION, DEVELOPMENT, PLANS, UNITS)
}


def person_key_fields(dataset: Dataset) -> tuple[Field, ...]:
    """The columns of ``dataset`` that name a person and so may hold a 身份证号 where a
    roster uses it as the key: the id column of a dataset about people (one whose id falls
    back to the ID number: members, the 发展党员 ledger), and every column naming a record
    of such a dataset (the ledger's 党员编号). Such values are hashed as they are read."""

    def about_people(d: Dataset) -> bool:
        return d.id_field is not None and d.id_field.fallback == "id_number"

    own = (dataset.id_field,) if about_people(dataset) and dataset.id_field else ()
    named = tuple(f for f in dataset.fields if f.ref and about_people(DATASETS[f.ref]))
    return own + named
