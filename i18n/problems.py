"""The messages of ingest's problems and refused uploads: code → (Chinese, English).

Templates use {column}, {value} and the keyword arguments passed to
``ingest.problems.message``; a ``Both`` argument differs by language.
"""

from __future__ import annotations

from typing import NamedTuple


class Both(NamedTuple):
    """A message argument that differs by language (a list of allowed values)."""

    zh: str
    en: str


# code: (Chinese template, English template). Templates use {column}, {value} and the
# keyword arguments passed to ``message``.
MESSAGES: dict[str, tuple[str, str]] = {
    "file.missing": ("找不到文件或文件夹", "No such file or folder"),
    "file.empty": ("文件是空的", "The file is empty"),
    "file.binary": (
        "不是表格文件（CSV、XLS 或 XLSX），无法读取：文件开头含有二进制内容（如零字节或控制字符）；若是从其他软件导出的，请另存为 CSV（UTF-8）",
        "Not a table file (CSV, XLS or XLSX); it cannot be read: it begins with binary "
        "content (zero bytes or control characters); if another program exported it, save "
        "it as CSV (UTF-8)",
    ),
    "file.bad_xlsx": (
        "无法作为 Excel 工作簿打开：文件已损坏，或并不是 Excel 文件；请用 Excel 打开后另存为 .xlsx 或 CSV",
        "Cannot be opened as an Excel workbook ({detail}): it is damaged, or not an Excel file; "
        "open it in Excel and save it as .xlsx or CSV",
    ),
    "file.html_table": (
        "这是网页（HTML）格式的表格，只是扩展名为 Excel 的；请用 Excel 打开后另存为 .xlsx 或 CSV",
        "This is a web page (HTML) table with an Excel file's name: open it in Excel and save "
        "it as .xlsx or CSV",
    ),
    "file.open_quote": (
        '表格结构有误：第 {line} 行的引号（"）没有配对，之后的内容都被当作一个单元格；请检查该行',
        'The table is malformed: a quote (") on line {line} is never closed, so everything '
        "after it reads as one cell: check that line",
    ),
    "file.encoding": (
        "无法识别文字编码（支持 UTF-8 和 GBK/GB18030）；第 {line} 行起有无法识别的字符，请另存为 UTF-8",
        "Unknown text encoding (UTF-8 and GBK/GB18030 are supported): unreadable characters "
        "from line {line}; save the file as UTF-8",
    ),
    "file.ignored": (
        "已忽略：无法从文件名或表头判断是哪类数据（如需导入，请命名为 {names}）",
        "Ignored: not recognisable as a dataset by name or headers (to import it, name it {names})",
    ),
    "file.no_tables": (
        "文件夹中没有表格文件（CSV、XLS 或 XLSX）{hint}",
        "The folder holds no table files (CSV, XLS or XLSX){hint}",
    ),
    "file.parse": ("表格结构有误：{detail}", "The table is malformed: {detail}"),
    "file.ragged": (
        "表格结构有误：第 {line} 行有 {saw} 列，表头有 {expected} 列（单元格中的逗号须加引号）",
        "The table is malformed: line {line} has {saw} cells where the header has {expected} "
        "(a comma inside a cell must be quoted)",
    ),
    "file.unrecognised": (
        "无法从文件名或表头判断是哪类数据；请将文件命名为 {names}",
        "Cannot tell which dataset this is from its name or headers; name it {names}",
    ),
    "file.duplicate_dataset": (
        "与 {other} 是同一类数据（{dataset}），每类数据只能有一个文件",
        "Holds the same dataset ({dataset}) as {other}; give one file per dataset",
    ),
    "file.no_header": (
        "前 {rows} 行中找不到表头（应包含 {expected} 等列名）",
        "No header row among the first {rows} rows (expected names such as {expected})",
    ),
    "file.no_rows": ("表头以下没有数据行", "There are no data rows below the header"),
    "file.workbook_too_large": (
        "工作簿解压后有 {size}，超出表格应有的范围（最多 {limit}、文件大小的 {ratio} 倍，且任何一部分不超过其压缩大小的 {part} 倍）；请另存为 CSV 或拆分后再上传",
        "The workbook unpacks to {size}, beyond what a table does (at most {limit} and {ratio} "
        "times the file's size, no part more than {part} times its packed size): save it as "
        "CSV, or split it",
    ),
    "file.too_many_columns": (
        "表头有 {n} 列，超过 {limit} 列，不是本看板的数据表（可能多了大量空列）；请删去多余的列后再上传",
        "The header has {n} columns, more than {limit}: not one of the dashboard's tables "
        "(perhaps a great many empty columns); delete the extra columns",
    ),
    "file.sheet_area": (
        "工作表声明的范围有 {n} 个单元格，超过 {limit} 个（表格外可能有很远的单元格）；请删去表格以外的单元格，或另存为 CSV",
        "The sheet declares a range of {n} cells, more than {limit} (a cell far outside the "
        "table, perhaps): delete the cells outside the table, or save it as CSV",
    ),
    "file.long_line": (
        "第 {line} 行长于 {limit}，不是表格中的一行（表头须在前 10 行内）；请检查文件是否为导出的表格",
        "Line {line} is longer than {limit}, which no row of a table is (the header must be "
        "within the first 10 lines): check that the file is an exported table",
    ),
    "dataset.missing": (
        "缺少必需的数据：{dataset}（文件名如 {names}）",
        "A required dataset is missing: {dataset} (a file named like {names})",
    ),
    "dataset.removed_and_uploaded": (
        "{dataset}既上传了文件，又选择了不沿用（移除）；请二选一",
        "{dataset} is both uploaded and asked to be removed; choose one",
    ),
    "column.missing": ("缺少必需的列“{column}”", "The required column '{column}' is missing"),
    "column.missing_either": (
        "缺少必需的列“{column}”（或可代替它的“{other}”）",
        "The required column '{column}' (or '{other}' in its place) is missing",
    ),
    "column.missing_sector": (
        "缺少必需的列“所属领域”：全国党员管理信息系统导出的党组织表没有这一列，请在表中加一列“所属领域”，填写{allowed}之一",
        "The required column 所属领域 (sector) is missing: the national system's organisation list has none; add a column 所属领域 holding one of {allowed}",
    ),
    "column.duplicate": (
        "列“{column}”与第 {other} 列重复；只读取第 {other} 列",
        "The column '{column}' repeats column {other}; only column {other} is read",
    ),
    "column.unknown": (
        "列“{column}”不属于数据规范，已忽略",
        "The column '{column}' is not part of the data contract and was ignored",
    ),
    "column.dropped": (
        "列“{column}”含个人信息，已在读入时丢弃",
        "The column '{column}' holds personal data and was dropped as it was read",
    ),
    "value.too_big": (
        "“{column}”的值“{value}”过大（最多 {limit}），可能是输入错误",
        "'{column}': {value} is too large (at most {limit}); a typing slip, perhaps",
    ),
    "value.required": ("“{column}”不能为空", "'{column}' must not be blank"),
    "value.too_long": (
        "“{column}”的内容过长（{n} 个字符，最多 {limit} 个），不像是本列应有的内容",
        "'{column}' is too long ({n} characters; at most {limit}) to be what this column holds",
    ),
    "value.required_either": (
        "“{column}”和“{other}”不能都为空",
        "'{column}' and '{other}' must not both be blank",
    ),
    "value.date_unparseable": (
        "“{column}”的值“{value}”不是可识别的日期（如 2018-08-01）",
        "'{column}': '{value}' is not a recognisable date (e.g. 2018-08-01)",
    ),
    "value.date_impossible": (
        "“{column}”的值“{value}”不是存在的日期",
        "'{column}': '{value}' is not a real calendar date",
    ),
    "value.category": (
        "“{column}”的值“{value}”不在允许的取值中：{allowed}",
        "'{column}': '{value}' is not one of the allowed values: {allowed}",
    ),
    "value.integer": (
        "“{column}”的值“{value}”应为不小于 0 的整数",
        "'{column}': '{value}' should be a whole number, 0 or more",
    ),
    "value.number": (
        "“{column}”的值“{value}”应为不小于 0 的数字",
        "'{column}': '{value}' should be a number, 0 or more",
    ),
    "value.negative": (
        "“{column}”的值“{value}”不能为负数",
        "'{column}': '{value}' must not be negative",
    ),
    "value.bool": (
        "“{column}”的值“{value}”应为“是”或“否”",
        "'{column}': '{value}' should be 是 (yes) or 否 (no)",
    ),
    "value.date_year_only": (
        "“{column}”的值“{value}”只有年份，请填写到月或日（如 1928-05 或 1928-05-01）",
        "'{column}': '{value}' is a year alone; give the month or the day (e.g. 1928-05)",
    ),
    "value.date_month_ambiguous": (
        "“{column}”的值“{value}”已按 {read} 读入；如原为“{year}.10”（Excel 会把 1927.10 显示为 1927.1），请改为 {year}-10",
        "'{column}': '{value}' was read as {read}; if it was {year}.10 (Excel shows 1927.10 as 1927.1), write {year}-10",
    ),
    "value.looks_like_id_number": (
        "“{column}”中有 {n} 个值看起来是身份证号；已替换为哈希值，请改用其他编号",
        "ID numbers found in '{column}': {n}, each replaced by a hash. Use another kind of id",
    ),
    "value.id_number_in_text": (
        "“{column}”中有 {n} 个单元格含有身份证号，读入时已隐去（不保存、不显示）；请勿在此列填写身份证号",
        "ID numbers found in '{column}': {n} cells. Each was hidden as it was read (never "
        "stored or shown); this column should not hold them",
    ),
    "value.id_number": (
        "“{column}”格式不正确（应为 18 位身份证号）；为保护隐私不显示原值",
        "'{column}' is malformed (expected an 18-character ID number); not shown, for privacy",
    ),
    "id.duplicate": (
        "编号“{value}”重复（第 {first} 行已出现）",
        "The id '{value}' is repeated (first seen on row {first})",
    ),
    "id.duplicate_key": (
        "与第 {first} 行重复：同一组织同一年度只能有一行",
        "The same as row {first}: one row per organisation and year",
    ),
    "logic.unit_without_branch": (
        "覆盖方式为“{value}”，但没有填写所属党组织编号或所属党组织",
        "Coverage is '{value}', but no covering organisation (所属党组织编号 or 所属党组织) is given",
    ),
    "logic.unit_date_order": (
        "“{column}”{value} 早于“{earlier}”{date}",
        "'{column}' {value} is before '{earlier}' {date}",
    ),
    "logic.members_over_staff": (
        "党员人数（{value} 名正式党员及预备党员）多于从业人员数 {staff}，请核对",
        "More Party members ({value} full, plus probationary) than staff ({staff}): please check",
    ),
    "logic.plan_year": (
        "年度应为 {low}–{high} 之间的四位数年份",
        "The year should be a four-digit year from {low} to {high}",
    ),
    "id.duplicate_id_number": (
        "“{column}”与第 {first} 行相同：同一人出现了两次；为保护隐私不显示原值",
        "'{column}' is the same as on row {first}: one person appears twice (the number is not shown, for privacy)",
    ),
    "ref.unknown_member": (
        "“{column}”的值“{value}”不是党员表中的党员编号",
        "'{column}': '{value}' is not a member_id in the members table",
    ),
    "ref.member_joined_differs": (
        "接收预备党员日期“{value}”与党员表中 {member} 的入党日期 {joined} 不同",
        "Admitted on {value}, but member {member}'s 入党日期 in the members table is {joined}",
    ),
    "logic.stage_missing": (
        "已填“{column}”，但没有更早环节的“{earlier}”",
        "'{column}' is filled in, but the earlier '{earlier}' is blank",
    ),
    "logic.stage_order": (
        "“{column}”{value} 早于“{earlier}”{date}",
        "'{column}' {value} is before '{earlier}' {date}",
    ),
    "logic.reason_without_withdrawn": (
        "填了终止原因“{value}”，但没有终止日期",
        "A reason for leaving the pipeline ('{value}') without a date",
    ),
    "ref.unknown_branch": (
        "“{column}”的值“{value}”不是党组织表中的组织编号",
        "'{column}': '{value}' is not a branch_id in the branches table",
    ),
    "ref.unknown_branch_name": (
        "“{column}”的值“{value}”与党组织表中任何组织名称都不一致",
        "'{column}': '{value}' matches no organisation's name in the branches table",
    ),
    "ref.parent_outside": (
        "上级党组织“{value}”不在本表中，本组织按最上级组织读入",
        "The parent organisation '{value}' is not in this table; this organisation is read as a top-level one",
    ),
    "ref.ambiguous_branch_name": (
        "“{column}”的值“{value}”与党组织表中 {n} 个组织同名（组织编号 {ids}），请改填组织编号",
        "'{column}': '{value}' is the name of {n} organisations (branch_id {ids}); give the branch_id instead",
    ),
    "ref.carried_unknown_branch": (
        "沿用的{dataset}中，这条记录所属的组织编号“{value}”不在新的党组织表中（如该组织已撤销，请在党组织表中保留它并填写撤销日期；或不沿用这类数据）",
        "In the {dataset_en} carried forward, this record belongs to branch_id '{value}', which the new branches table does not hold (if the organisation was dissolved, keep it in the list with its 撤销日期; or do not carry this dataset forward)",
    ),
    "ref.carried_unknown_member": (
        "沿用的{dataset}中，这条记录的党员编号“{value}”不在新的党员表中（请核对党员编号是否改变；或同时上传更新后的{dataset}）",
        "In the {dataset_en} carried forward, this record names member_id '{value}', which the new members table does not hold (check whether the member's id changed; or upload the updated {dataset_en} too)",
    ),
    "ref.self_parent": (
        "上级组织编号不能是本组织自己",
        "An organisation cannot be its own parent",
    ),
    "logic.future_date": (
        "日期“{value}”晚于今天（{today}），尚未发生的事不能有日期",
        "The date {value} is after today ({today}): it cannot have happened yet",
    ),
    "logic.joined_under_18": (
        "入党日期“{value}”时未满 18 周岁（出生日期 {birth}）",
        "Joined on {value}, before turning 18 (born {birth})",
    ),
    "logic.joined_before_birth": (
        "入党日期“{value}”早于出生日期 {birth}",
        "Joined on {value}, before the date of birth {birth}",
    ),
    "logic.left_before_registered": (
        "减少日期“{value}”早于转入日期 {registered}",
        "Left on {value}, before being registered on {registered}",
    ),
    "logic.registered_before_joined": (
        "转入日期“{value}”早于入党日期 {joined}",
        "Registered on {value}, before joining on {joined}",
    ),
    "logic.full_before_joined": (
        "转正日期“{value}”早于入党日期 {joined}",
        "Made full on {value}, before joining on {joined}",
    ),
    "logic.probationary_with_full_on": (
        "人员类别为预备党员，但填写了转正日期“{value}”；已按预备党员读入",
        "人员类别 says probationary, but a date made full ('{value}') is given; read as probationary",
    ),
    "logic.full_without_full_on": (
        "{n} 名人员类别为正式党员的党员未填转正日期，已按入党满一年转正计（党章第七条：预备期为一年）",
        "Full members (人员类别 正式党员) without a date made full: {n}; each is taken as full one year after joining (the one-year probation of the Party Constitution, Art. 7)",
    ),
    "logic.full_within_a_year": (
        "人员类别为正式党员，但入党日期 {joined} 至今不满一年预备期；请核对人员类别或入党日期",
        "人员类别 says full member, but joined on {joined}, less than the one-year probation before the roster's latest date; check the type or the date",
    ),
    "logic.reason_without_left": (
        "填写了减少原因“{value}”，但没有减少日期",
        "A reason for leaving ('{value}') is given, but no date left",
    ),
    "logic.granted_before_filed": (
        "授权日期“{value}”早于申请日期 {filed}",
        "Granted on {value}, before being filed on {filed}",
    ),
    "logic.member_inventors_exceed": (
        "党员发明人数 {value} 大于发明人数 {inventors}",
        "Member inventors ({value}) exceed inventors ({inventors})",
    ),
    "logic.dissolved_before_founded": (
        "撤销日期“{value}”早于成立日期 {founded}",
        "Dissolved on {value}, before being founded on {founded}",
    ),
    "upload.too_large": (
        "文件“{name}”大于 {limit}，未接收",
        "{name} is larger than {limit} and was not accepted",
    ),
    "upload.bad_zip": ("“{name}”不是有效的 zip 压缩包", "{name} is not a zip archive"),
    "upload.too_many": (
        "“{name}”含 {n} 个文件，最多 {limit} 个",
        "{name} holds {n} files; at most {limit} are accepted",
    ),
    "upload.unpacks_too_large": (
        "“{name}”解压后大于 {limit}",
        "{name} unpacks to more than {limit}",
    ),
    "upload.outside": (
        "“{name}”中的路径“{path}”指向文件夹之外",
        "{name} holds a path outside its folder: {path}",
    ),
    "store.changed_rollback": (
        "数据已在确认之后更新：{by} 于 {when} 将当前版本由 {expected} 改为 {current}。未回退；请核对后重新确认。",
        "The data changed after you confirmed: {by} made {current} current (it was "
        "{expected}) at {when}. Nothing was rolled back: look again and confirm anew.",
    ),
    "upload.too_slow": (
        "检查超过了 {limit} 仍未完成，已停止，当前数据不变：文件的内容远多于其大小所示（如极多的列或单元格）；请检查文件，或拆分后再上传",
        "The check took longer than {limit} and was stopped; the current data is unchanged. "
        "The file holds far more than its size suggests (a great many columns or cells): "
        "check it, or split it",
    ),
    "upload.too_much_memory": (
        "检查所需内存超过 {limit}，已停止，当前数据不变：文件的内容远多于其大小所示；请检查文件，或另存为 CSV、拆分后再上传",
        "Checking the file needed more than {limit} of memory and was stopped; the current "
        "data is unchanged. The file holds far more than its size suggests: check it, or "
        "save it as CSV, or split it",
    ),
    "upload.crashed": (
        "读取文件时读表程序异常退出，当前数据不变：文件可能已损坏，或单元格分布异常（如远离表格的单元格）；请用 Excel 打开后另存为 .xlsx 或 CSV 再上传",
        "The reader stopped abruptly on this file; the current data is unchanged. The file "
        "may be damaged or hold cells far from the table: open it in Excel and save it "
        "again as .xlsx or CSV",
    ),
    "upload.failed": (
        "检查时出现意外错误，当前数据不变；错误已记入服务器日志，请联系管理员",
        "An unexpected error stopped the check; the current data is unchanged. It is in the "
        "server's log: tell the administrator",
    ),
    "upload.not_saved": (
        "服务器暂时无法保存上传的文件（磁盘已满或不可写），当前数据不变；请稍后再试或联系管理员",
        "The server could not store the upload just now (its disk is full or not writable); "
        "the current data is unchanged: try again later, or tell the administrator",
    ),
    "upload.no_tables": (
        "上传的文件（{names}）中没有表格文件（CSV、XLS、XLSX 等）",
        "The upload ({names}) holds no table file (CSV, XLS, XLSX …)",
    ),
    "upload.same_name": (
        "有两个文件都叫“{name}”（{first} 和 {second}），无法判断用哪一个；请改名或只上传一个",
        "Two files are both called {name} ({first} and {second}), so it is not clear which "
        "to use: rename one, or upload only one",
    ),
    "upload.nested": (
        "“{name}”中含有压缩包“{member}”；不支持压缩包套压缩包，请先解压，再上传其中的表格或重新打包",
        "{name} holds another archive, {member}; archives inside archives are not opened: "
        "unpack it and upload its tables, or zip them again",
    ),
    "upload.encrypted": (
        "“{name}”中的“{member}”有密码保护，无法读取；请去掉密码后重新打包上传",
        "{member} in {name} is password-protected and cannot be read: zip it again without "
        "a password",
    ),
    "upload.bad_member": (
        "“{name}”中的“{member}”已损坏（内容与压缩包记录的大小或校验值不符），无法解压；请重新打包上传",
        "{member} in {name} is damaged (its contents do not match the size or checksum the "
        "archive records) and cannot be unpacked: zip the files again",
    ),
    "upload.method": (
        "“{name}”中的“{member}”用了无法读取的压缩方式（如 Deflate64、PPMd）；请用“存储”或“标准（Deflate）”方式重新打包",
        "{member} in {name} is compressed with a method that cannot be read (Deflate64, PPMd "
        "…): zip it again with the standard (Deflate) method",
    ),
    "upload.member_too_large": (
        "“{name}”中的“{member}”解压后大于 {limit}（与单个文件的上传上限相同），未接收",
        "{member} in {name} unpacks to more than {limit} (the limit for one uploaded file) "
        "and was not accepted",
    ),
    "upload.ratio": (
        "“{name}”中的“{member}”解压后超过压缩大小的 {limit} 倍，不像是表格文件，未接收",
        "{member} in {name} unpacks to more than {limit} times its packed size, which no "
        "table does, and was not accepted",
    ),
    "store.changed": (
        "数据已在检查之后更新：{by} 于 {when} 将当前版本由 {expected} 改为 {current}。"
        "本次导入未执行；已按新的当前版本重新检查，请核对后再确认。",
        "The data changed after the check: {by} made {current} current (it was {expected}) "
        "at {when}. Nothing was imported; the upload has been checked again against the new "
        "current version: look it over and confirm again",
    ),
}
