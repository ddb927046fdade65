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
LEFT_REASONS: tuple[str, ...] = ("转出", "死亡", "出党", "其他")
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
    meaning_zh: str
    meaning_en: str
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


def _branch_name(zh: str, meaning_zh: str, meaning_en: str) -> Field:
    """The organisation named by its full name instead of its 组织编号 (see Field.resolves)."""
    return Field(
        "branch_name",
        zh,
        Kind.TEXT,
        meaning_zh + "（按全称对应党组织表的组织名称；可代替组织编号）",
        meaning_en + " (matched to the branches' full names; may stand for branch_id)",
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
            "党组织的唯一编号",
            "Unique id of the organisation",
            required=True,
            unique=True,
            aliases=("党组织编号", "党组织编码", "党组织代码", "组织代码", "支部编号", "编号"),
        ),
        Field(
            "name",
            "组织名称",
            Kind.TEXT,
            "党组织全称",
            "Full name of the organisation",
            required=True,
            aliases=("党组织名称", "党组织全称", "组织全称", "支部名称", "名称"),
        ),
        Field(
            "org_type",
            "组织类型",
            Kind.CATEGORY,
            "党委、党总支或党支部",
            "Committee, general branch or branch",
            required=True,
            allowed=ORG_TYPES,
            aliases=("党组织类型", "党组织类别", "组织类别", "类型"),
        ),
        Field(
            "sector",
            "所属领域",
            Kind.CATEGORY,
            "党组织所在领域",
            "Sector the organisation belongs to",
            required=True,
            allowed=SECTORS,
            aliases=("领域", "行业领域", "所在领域"),
        ),
        Field(
            "parent_id",
            "上级组织编号",
            Kind.TEXT,
            "上级党组织的组织编号（须在本表中）",
            "branch_id of the parent organisation (must exist in this table)",
            aliases=("上级党组织编号", "上级党组织编码", "上级编号"),
            ref="branches",
            fallback="parent_name",
        ),
        Field(
            "parent_name",
            "上级党组织名称",
            Kind.TEXT,
            "上级党组织的全称（按全称对应本表的组织名称；可代替上级组织编号）",
            "Full name of the parent organisation (matched to this table's names; may stand "
            "for parent_id)",
            aliases=("批准成立的上级党组织", "上级党组织", "上级党组织全称", "批准成立上级党组织"),
            resolves="parent_id",
        ),
        Field(
            "community",
            "所在社区",
            Kind.TEXT,
            "党组织所在的社区",
            "Community the organisation is located in",
            aliases=("社区",),
        ),
        Field(
            "founded_on",
            "成立日期",
            Kind.DATE,
            "党组织成立日期",
            "Date the organisation was founded",
            required=True,
            aliases=("成立时间", "建立日期", "组建日期", "批准成立日期", "党组织成立日期"),
        ),
        Field(
            "dissolved_on",
            "撤销日期",
            Kind.DATE,
            "党组织撤销日期，空白表示仍存在",
            "Date dissolved; blank while it exists",
            aliases=("撤销时间",),
        ),
        Field(
            "term_ends_on",
            "届满日期",
            Kind.DATE,
            "本届任期届满日期（到期应换届）",
            "End of the current term, when the next election (换届) is due",
            aliases=("任期届满日期", "届满时间", "换届到期日期"),
            planned=True,
        ),
        Field(
            "service_center",
            "党群服务中心",
            Kind.BOOL,
            "是否建有党群服务中心（是/否）",
            "Whether it runs a Party-masses service centre (yes/no)",
            aliases=("是否建有党群服务中心", "有无党群服务中心"),
        ),
        Field(
            "instructor",
            "党建指导员",
            Kind.TEXT,
            "联系该组织的党建指导员（姓名，仅脱敏显示）",
            "Party-building instructor assigned (a name: shown masked only)",
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
            "党员的唯一编号；没有此列时为身份证号的加盐哈希",
            "Unique id of the member; without this column, the salted hash of 身份证号",
            required=True,
            unique=True,
            aliases=("人员编号", "编号"),
            fallback="id_number",
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            "所在党组织的组织编号（须在党组织表中）",
            "branch_id of the member's organisation (must exist in branches)",
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("所在党支部", "所在党组织的全称", "Full name of the member's organisation"),
        Field(
            "name",
            "姓名",
            Kind.TEXT,
            "姓名：仅用于脱敏显示（张*明），不进入导出",
            "Name: shown masked only (张*明), never exported",
            aliases=("党员姓名",),
        ),
        Field(
            "gender",
            "性别",
            Kind.CATEGORY,
            "性别",
            "Gender",
            required=True,
            allowed=GENDERS,
        ),
        Field(
            "birth_date",
            "出生日期",
            Kind.DATE,
            "出生日期",
            "Date of birth",
            required=True,
            aliases=("出生年月", "出生时间"),
        ),
        Field("ethnicity", "民族", Kind.TEXT, "民族，如汉族、壮族", "Ethnic group, e.g. 汉族"),
        Field(
            "education",
            "学历",
            Kind.CATEGORY,
            "最高学历",
            "Highest education",
            allowed=EDUCATION,
            aliases=("文化程度", "最高学历"),
        ),
        Field(
            "occupation",
            "职业",
            Kind.CATEGORY,
            "职业（党内统计公报口径）",
            "Occupation (as in the Party statistical communiqué)",
            allowed=OCCUPATIONS,
            aliases=("职业类别", "工作岗位"),
        ),
        Field(
            "joined_on",
            "入党日期",
            Kind.DATE,
            "入党日期（成为预备党员）",
            "Date admitted as a probationary member",
            required=True,
            aliases=("入党时间", "加入党组织日期", "加入党组织时间"),
        ),
        Field(
            "full_on",
            "转正日期",
            Kind.DATE,
            "转为正式党员的日期，空白表示仍为预备党员（填有人员类别时以人员类别为准）",
            "Date made a full member; blank while probationary (人员类别, when given, decides)",
            aliases=("转正时间", "转为正式党员日期", "转为正式党员时间"),
        ),
        Field(
            "member_type",
            "人员类别",
            Kind.CATEGORY,
            "正式党员或预备党员；正式党员未填转正日期的，按入党满一年转正计",
            "Full or probationary member; a full member without 转正日期 is taken as full "
            "from one year after joining",
            allowed=MEMBER_TYPES,
            aliases=("党员类别", "党员类型"),
        ),
        Field(
            "registered_on",
            "转入日期",
            Kind.DATE,
            "组织关系转入本街道的日期，空白表示即入党日期",
            "Date the membership was registered here; blank means joined_on",
            aliases=("转入时间", "组织关系转入日期"),
        ),
        Field(
            "left_on",
            "减少日期",
            Kind.DATE,
            "离开本街道名册的日期（转出、去世等）",
            "Date the member left the roster (transfer out, death...)",
            aliases=("减少时间", "转出日期", "离开日期"),
        ),
        Field(
            "left_reason",
            "减少原因",
            Kind.CATEGORY,
            "减少原因",
            "Reason for leaving",
            allowed=LEFT_REASONS,
            aliases=("减少类型", "转出原因"),
        ),
        Field(
            "id_number",
            "身份证号",
            Kind.ID_NUMBER,
            "读入时即替换为加盐哈希（id_hash），原值不保存、不显示",
            "Replaced by a salted hash (id_hash) as it is read; never stored or shown",
            aliases=("身份证号码", "公民身份号码", "公民身份证号", "公民身份证号码", "身份证"),
        ),
        Field(
            "party_status",
            "党籍状态",
            Kind.CATEGORY,
            "党籍状态：正常、停止党籍、保留党籍等",
            "Standing of the membership: normal, suspended (停止党籍), retained (保留党籍)",
            allowed=PARTY_STATUSES,
        ),
        Field(
            "lost_contact",
            "是否为失联党员",
            Kind.BOOL,
            "是否为失去联系的党员（是/否）",
            "Whether the member has lost contact with the organisation (yes/no)",
            aliases=("失联党员", "是否失联党员", "是否失联"),
        ),
        Field(
            "lost_on",
            "失去联系日期",
            Kind.DATE,
            "失去联系的日期",
            "Date contact was lost",
            aliases=("失联日期", "失联时间", "失去联系时间"),
        ),
        Field(
            "floating",
            "是否为流动党员",
            Kind.BOOL,
            "是否为外出流动党员（是/否）",
            "Whether the member is away from the organisation (a floating member; yes/no)",
            aliases=("流动党员", "是否流动党员"),
        ),
        Field(
            "floating_to",
            "外出流向",
            Kind.TEXT,
            "流动党员外出的去向",
            "Where a floating member has gone",
            aliases=("流向", "外出去向", "流动去向"),
        ),
        Field(
            "phone",
            "手机号码",
            Kind.PHONE,
            "读入时即丢弃",
            "Dropped as it is read",
            aliases=("手机号", "固定电话", "联系电话", "电话", "联系方式", "手机"),
        ),
        Field(
            "address",
            "家庭住址",
            Kind.ADDRESS,
            "读入时即丢弃",
            "Dropped as it is read",
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
            "专利号或申请号（唯一）",
            "Patent or application number (unique)",
            required=True,
            unique=True,
            aliases=("申请号", "专利申请号"),
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            "专利所属单位的党组织编号（须在党组织表中）",
            "branch_id of the enterprise's organisation (must exist in branches)",
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("所在党组织", "专利所属单位党组织的全称", "Full name of the organisation"),
        Field(
            "kind",
            "专利类型",
            Kind.CATEGORY,
            "专利类型",
            "Kind of patent",
            required=True,
            allowed=PATENT_KINDS,
            aliases=("类型",),
        ),
        Field(
            "filed_on",
            "申请日期",
            Kind.DATE,
            "申请日期",
            "Date filed",
            required=True,
            aliases=("申请日",),
        ),
        Field(
            "granted_on",
            "授权日期",
            Kind.DATE,
            "授权日期，空白表示未授权",
            "Date granted; blank if not (yet) granted",
            aliases=("授权公告日", "授权日"),
        ),
        Field("title", "专利名称", Kind.TEXT, "专利名称", "Title", aliases=("名称",)),
        Field("inventors", "发明人数", Kind.INT, "发明人人数", "Number of inventors"),
        Field(
            "member_inventors",
            "党员发明人数",
            Kind.INT,
            "发明人中的党员人数（≤ 发明人数）",
            "Inventors who are Party members (≤ inventors)",
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
            "活动的唯一编号",
            "Unique id of the activity",
            required=True,
            unique=True,
            aliases=("编号",),
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            "举办活动的党组织编号（须在党组织表中）",
            "branch_id of the organisation holding it (must exist in branches)",
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("所在党组织", "举办活动的党组织的全称", "Full name of the organisation"),
        Field(
            "date",
            "活动日期",
            Kind.DATE,
            "活动日期",
            "Date of the activity",
            required=True,
            aliases=("日期", "活动时间", "会议日期"),
        ),
        Field(
            "kind",
            "活动类型",
            Kind.CATEGORY,
            "活动类型（三会一课、主题党日、志愿服务等）",
            "Kind of activity",
            required=True,
            allowed=ACTIVITY_KINDS,
            aliases=("类型", "会议类型"),
        ),
        Field(
            "attendees",
            "实到人数",
            Kind.INT,
            "实际参加的党员人数",
            "Party members who attended",
            required=True,
            aliases=("参加人数", "出席人数"),
        ),
        Field(
            "expected",
            "应到人数",
            Kind.INT,
            "应参加的党员人数",
            "Party members expected to attend",
            aliases=("应参加人数",),
        ),
        Field(
            "hours",
            "时长（小时）",
            Kind.NUMBER,
            "活动时长，单位小时",
            "Duration in hours",
            aliases=("时长", "小时数", "活动时长"),
        ),
        Field(
            "non_member_attendees",
            "群众参与人数",
            Kind.INT,
            "参加的非党员群众人数",
            "Non-members (the public) who took part",
            aliases=("群众人数",),
        ),
        Field(
            "title",
            "活动名称",
            Kind.TEXT,
            "活动名称或主题",
            "Title or theme",
            aliases=("活动主题", "主题", "名称"),
        ),
    ),
)


def _person(name: str, zh: str, meaning_en: str, **kw: object) -> Field:
    """A column of the ledger that describes the person as the roster does."""
    member = MEMBERS.field(name)
    return Field(
        name,
        zh,
        member.kind,
        member.meaning_zh,
        meaning_en,
        allowed=member.allowed,
        aliases=member.aliases,
        **kw,  # type: ignore[arg-type]  # Field's own keywords, passed through
    )


def _stage_date(name: str, zh: str, meaning_zh: str, meaning_en: str, *aliases: str) -> Field:
    return Field(name, zh, Kind.DATE, meaning_zh, meaning_en, aliases=aliases)


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
            "申请人的唯一编号；没有此列时为身份证号的加盐哈希",
            "Unique id of the applicant; without this column, the salted hash of 身份证号",
            required=True,
            unique=True,
            aliases=("申请人编号", "编号"),
            fallback="id_number",
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            "受理申请的党组织编号（须在党组织表中）",
            "branch_id of the organisation the application was made to (must exist in branches)",
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("所在党支部", "受理申请的党组织的全称", "Full name of the organisation"),
        Field(
            "name",
            "姓名",
            Kind.TEXT,
            "姓名：仅用于脱敏显示（张*明），不进入导出和汇报",
            "Name: shown masked only (张*明), never exported or on slides",
            aliases=("申请人姓名",),
        ),
        _person("gender", "性别", "Gender", required=True),
        _person("birth_date", "出生日期", "Date of birth", required=True),
        _person("ethnicity", "民族", "Ethnic group, e.g. 汉族"),
        _person("education", "学历", "Highest education"),
        _person("occupation", "职业", "Occupation (as in the Party statistical communiqué)"),
        Field(
            "applied_on",
            "申请入党日期",
            Kind.DATE,
            "递交入党申请书的日期",
            "Date the application to join was handed in",
            required=True,
            aliases=("申请日期", "递交入党申请书日期", "入党申请日期", "申请入党时间"),
        ),
        _stage_date(
            "talked_on",
            "谈话日期",
            "党组织派人同入党申请人谈话的日期",
            "Date the organisation sent someone to talk with the applicant",
            "派人谈话日期",
            "谈话时间",
        ),
        _stage_date(
            "activist_on",
            "确定入党积极分子日期",
            "确定为入党积极分子的日期",
            "Date made an activist (入党积极分子)",
            "确定积极分子日期",
            "列为入党积极分子日期",
            "确定入党积极分子时间",
        ),
        _stage_date(
            "candidate_on",
            "确定发展对象日期",
            "列为发展对象的日期",
            "Date made a candidate (发展对象)",
            "列为发展对象日期",
            "确定发展对象时间",
        ),
        Field(
            "training_days",
            "集中培训天数",
            Kind.NUMBER,
            "发展对象短期集中培训的天数",
            "Days of the candidate's short concentrated training",
            aliases=("培训天数",),
        ),
        Field(
            "training_hours",
            "集中培训学时",
            Kind.NUMBER,
            "发展对象短期集中培训的学时",
            "Class hours of the candidate's short concentrated training",
            aliases=("培训学时",),
        ),
        _stage_date(
            "admitted_on",
            "接收预备党员日期",
            "支部大会讨论通过接收为预备党员的日期（即入党日期）",
            "Date the branch meeting admitted the candidate as a probationary member",
            "支部大会通过日期",
            "支部大会讨论日期",
            "接收日期",
        ),
        _stage_date(
            "approved_on",
            "上级党委审批日期",
            "上级党委审批接收预备党员的日期",
            "Date the Party committee above approved the admission",
            "党委审批日期",
            "审批日期",
        ),
        _stage_date(
            "withdrawn_on",
            "终止日期",
            "终止培养或发展的日期",
            "Date the person left the pipeline",
            "终止培养日期",
        ),
        Field(
            "withdrawn_reason",
            "终止原因",
            Kind.CATEGORY,
            "终止原因",
            "Why the person left the pipeline",
            allowed=WITHDRAWN_REASONS,
            aliases=("终止培养原因",),
        ),
        Field(
            "member_id",
            "党员编号",
            Kind.TEXT,
            "接收后在党员表中的党员编号（须在党员表中；其入党日期应等于接收预备党员日期）",
            "The member_id once admitted (must exist in members; its joined_on should equal "
            "admitted_on)",
            ref="members",
        ),
        Field(
            "id_number",
            "身份证号",
            Kind.ID_NUMBER,
            "读入时即替换为加盐哈希（id_hash），原值不保存、不显示",
            "Replaced by a salted hash (id_hash) as it is read; never stored or shown",
            aliases=MEMBERS.field("id_number").aliases,
        ),
        Field(
            "phone",
            "手机号码",
            Kind.PHONE,
            "读入时即丢弃",
            "Dropped as it is read",
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
            "计划年度（四位数年份）",
            "The plan's calendar year (four digits)",
            required=True,
            aliases=("计划年度", "年份"),
        ),
        Field(
            "branch_id",
            "组织编号",
            Kind.TEXT,
            "下达或承担计划的党组织编号（通常为党委；须在党组织表中）",
            "branch_id of the organisation the plan is for, usually a 党委 (must exist in "
            "branches); its admissions are those of every organisation under it",
            required=True,
            aliases=_BRANCH_REF,
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name("党组织名称", "承担计划的党组织的全称", "Full name of the organisation"),
        Field(
            "planned",
            "计划发展党员数",
            Kind.INT,
            "本年度计划发展（接收预备党员）的人数",
            "Number of people the organisation plans to admit in the year",
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
            "单位的唯一编号（可用统一社会信用代码）",
            "Unique id of the enterprise or social organisation (the unified social credit "
            "code will do)",
            required=True,
            unique=True,
            aliases=("统一社会信用代码", "社会信用代码", "信用代码", "单位代码", "组织机构代码"),
        ),
        Field(
            "name",
            "单位名称",
            Kind.TEXT,
            "单位全称",
            "Full name of the enterprise or social organisation",
            required=True,
            aliases=("企业名称", "社会组织名称", "名称"),
        ),
        Field(
            "kind",
            "单位类型",
            Kind.CATEGORY,
            "非公企业或社会组织",
            "A non-public enterprise (非公企业) or a social organisation (社会组织)",
            required=True,
            allowed=UNIT_KINDS,
            aliases=("单位类别", "类型", "组织类型"),
        ),
        Field(
            "community",
            "所在社区",
            Kind.TEXT,
            "单位所在的社区（村居）",
            "The community the unit is in",
            aliases=("社区", "所属社区"),
        ),
        Field(
            "building",
            "所在楼宇",
            Kind.TEXT,
            "单位所在的商务楼宇（楼宇党建）",
            "The office building the unit is in (for 楼宇党建)",
            aliases=("楼宇", "所在商务楼宇", "楼宇名称"),
        ),
        Field(
            "staff",
            "从业人员数",
            Kind.INT,
            "从业人员人数",
            "People working in the unit",
            required=True,
            aliases=("从业人员", "从业人数", "职工人数", "员工人数"),
        ),
        Field(
            "full_members",
            "正式党员数",
            Kind.INT,
            "单位中的正式党员人数（党章第三十条：正式党员三人以上应当成立党的基层组织）",
            "Full Party members working in the unit (3 or more should form their own "
            "organisation, 党章 第三十条)",
            required=True,
            aliases=("正式党员人数", "正式党员"),
        ),
        Field(
            "probationary_members",
            "预备党员数",
            Kind.INT,
            "单位中的预备党员人数",
            "Probationary members working in the unit",
            aliases=("预备党员人数", "预备党员"),
        ),
        Field(
            "coverage",
            "党组织覆盖方式",
            Kind.CATEGORY,
            "单独组建、联合组建或未建",
            "How the unit is covered: its own Party organisation (单独组建), a joint one with "
            "other units (联合组建), or none (未建)",
            required=True,
            allowed=COVERAGE,
            aliases=("覆盖方式", "组建方式", "党组织组建方式", "建立党组织情况"),
        ),
        Field(
            "branch_id",
            "所属党组织编号",
            Kind.TEXT,
            "覆盖该单位的党组织编号（单独组建、联合组建时必填；须在党组织表中）",
            "branch_id of the organisation covering the unit (required for 单独组建 and "
            "联合组建; must exist in branches)",
            aliases=("党组织编号", "组织编号", "覆盖党组织编号"),
            ref="branches",
            fallback="branch_name",
        ),
        _branch_name(
            "所属党组织", "覆盖该单位的党组织的全称", "Full name of the covering organisation"
        ),
        Field(
            "instructor",
            "党建指导员",
            Kind.TEXT,
            "派驻未建党组织单位的党建指导员或联络员（工作覆盖）",
            "The 党建指导员 or 联络员 assigned to a unit without its own organisation (work "
            "coverage)",
            aliases=("党建联络员", "党建工作指导员", "联络员"),
        ),
        Field(
            "union",
            "工会",
            Kind.BOOL,
            "是否建立工会",
            "Has a trade union",
            aliases=("是否建立工会", "建立工会"),
        ),
        Field(
            "youth_league",
            "共青团",
            Kind.BOOL,
            "是否建立共青团组织",
            "Has a Communist Youth League organisation",
            aliases=("团组织", "是否建立团组织", "建立团组织"),
        ),
        Field(
            "women_federation",
            "妇联",
            Kind.BOOL,
            "是否建立妇联（妇女组织）",
            "Has a women's federation",
            aliases=("妇女组织", "是否建立妇联", "建立妇联"),
        ),
        Field(
            "registered_on",
            "成立日期",
            Kind.DATE,
            "单位成立（登记）的日期",
            "Date the unit was registered",
            aliases=("登记日期", "注册日期", "成立时间"),
        ),
        Field(
            "closed_on",
            "注销日期",
            Kind.DATE,
            "单位注销或迁出的日期",
            "Date the unit closed or moved away",
            aliases=("注销时间", "迁出日期"),
        ),
        Field(
            "covered_on",
            "覆盖日期",
            Kind.DATE,
            "现有覆盖方式开始的日期（如组建党组织的日期）；此前视为未建",
            "Date the present coverage began (the organisation was formed); before it the unit "
            "counts as 未建",
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
