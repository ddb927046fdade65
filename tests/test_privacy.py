"""身份证号 hashed on read and never shown; phones dropped; names masked."""

from __future__ import annotations

import hashlib
import json

import pytest

from ingest import load_dataset
from ingest.cli import format_report
from ingest.privacy import mask_name
from tests.conftest import SALT

ID_1 = "44060219800101001X"
PHONE_1 = "13800138000"


@pytest.fixture
def with_ids(valid: dict) -> dict:
    valid["members"][0].update({"身份证号": ID_1.lower(), "手机号码": PHONE_1})
    valid["members"][1].update({"身份证号": "440602199005050028", "手机号码": "13900139000"})
    valid["members"][2].update({"身份证号": "", "手机号码": ""})
    return valid


def test_id_number_is_replaced_by_its_salted_hash(with_ids: dict, write_dataset) -> None:
    members = load_dataset([write_dataset(with_ids)], salt=SALT).tables["members"]
    assert "id_number" not in members.columns
    expected = hashlib.sha256(f"{SALT}:{ID_1}".encode()).hexdigest()[:32]
    assert members["id_hash"].iat[0] == expected
    assert members["id_hash"].isna().iat[2]


def test_hash_depends_on_the_salt(with_ids: dict, write_dataset) -> None:
    folder = write_dataset(with_ids)
    a = load_dataset([folder], salt="one").tables["members"]["id_hash"].iat[0]
    b = load_dataset([folder], salt="two").tables["members"]["id_hash"].iat[0]
    again = load_dataset([folder], salt="one").tables["members"]["id_hash"].iat[0]
    assert a != b
    assert a == again


def test_no_id_or_phone_survives_in_tables(with_ids: dict, write_dataset) -> None:
    tables = load_dataset([write_dataset(with_ids)], salt=SALT).tables
    text = "".join(t.to_csv() for t in tables.values())
    for secret in (ID_1, ID_1.lower(), "440602199005050028", PHONE_1, "13900139000"):
        assert secret not in text
    assert "phone" not in tables["members"].columns


def test_phone_column_dropped_with_a_warning(with_ids: dict, write_dataset) -> None:
    result = load_dataset([write_dataset(with_ids)], salt=SALT)
    (p,) = [p for p in result.report.problems if p.code == "column.dropped"]
    assert (p.severity, p.column, p.value) == ("warning", "手机号码", None)


def test_reports_never_echo_ids_or_phones(with_ids: dict, write_dataset) -> None:
    with_ids["members"][0]["身份证号"] = "4406021980010100"  # malformed: 16 digits
    with_ids["members"][0]["性别"] = "X"  # an error on the same row
    with_ids["members"][1]["入党日期"] = "2018-13-45"
    result = load_dataset([write_dataset(with_ids)], salt=SALT)
    assert not result.ok
    (p,) = [p for p in result.report.problems if p.code == "value.id_number"]
    assert (p.severity, p.row, p.value) == ("warning", 2, None)
    outputs = [result.report.to_json(), format_report(result.report, "x", limit=100)]
    for output in outputs:
        for secret in ("4406021980010100", "440602199005050028", PHONE_1, "13900139000"):
            assert secret not in output


def test_reports_do_not_show_member_names(valid: dict, write_dataset) -> None:
    valid["members"][0].update({"党员编号": "", "性别": "?", "入党日期": "x"})
    result = load_dataset([write_dataset(valid)], salt=SALT)
    assert result.report.n_errors == 3
    report = json.loads(result.report.to_json())
    assert "张三明" not in json.dumps(report, ensure_ascii=False)
    assert "张三明" not in format_report(result.report, "x", limit=100)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三明", "张*明"),
        ("张三", "张*"),
        ("欧阳小明", "欧**明"),
        ("王", "*"),
        ("", ""),
        (None, ""),
        ("  李四  ", "李*"),
        ("John Smith", "J*** S****"),
    ],
)
def test_mask_name(name: str | None, masked: str) -> None:
    assert mask_name(name) == masked


OLD_ID = "440602800101123"  # the 15 digits of a first-generation card
NEW_ID = "44060219800101123X"


def test_id_numbers_of_either_generation_used_as_keys_are_hashed_everywhere(
    valid: dict, write_dataset
) -> None:
    # a roster keyed by ID numbers, first and second generation, and a 发展党员 ledger that
    # keys its applicants by them and names the admitted member by them too
    valid["members"][0]["党员编号"] = OLD_ID
    valid["members"][1]["党员编号"] = NEW_ID
    valid["development"] = [
        {"人员编号": "440602900505002", "组织编号": "B2", "姓名": "李四", "性别": "女",
         "出生日期": "1990-05-05", "申请入党日期": "2016-01-10",
         "确定入党积极分子日期": "2016-06-01", "确定发展对象日期": "2017-07-01",
         "接收预备党员日期": "2018-01-10", "党员编号": NEW_ID},
    ]  # fmt: skip
    result = load_dataset([write_dataset(valid)], salt=SALT)
    assert result.ok, [p.message_en for p in result.report.problems]
    text = "".join(t.to_csv() for t in result.tables.values()) + result.report.to_json()
    for secret in (OLD_ID, NEW_ID, "440602900505002"):
        assert secret not in text
    members, ledger = result.tables["members"], result.tables["development"]
    # one person, one key: the ledger's member is the roster's member
    assert ledger["member_id"].iat[0] == members["member_id"].iat[1]
    assert all(k.startswith("H") for k in (*members["member_id"][:2], ledger["person_id"].iat[0]))


def test_id_numbers_written_into_free_text_are_hidden_as_read(valid: dict, write_dataset) -> None:
    valid["members"][0]["姓名"] = NEW_ID  # typed into the wrong column
    valid["branches"][0]["组织名称"] = f"翠颐社区党委（书记 {OLD_ID}）"
    valid["participation"][0]["活动名称"] = f"学习 {NEW_ID.lower()} 论坛精神"
    result = load_dataset([write_dataset(valid)], salt=SALT)
    assert result.ok
    text = "".join(t.to_csv() for t in result.tables.values()) + result.report.to_json()
    for secret in (NEW_ID, NEW_ID.lower(), OLD_ID):
        assert secret not in text
    assert result.tables["branches"]["name"].iat[0] == "翠颐社区党委（书记 （已隐去 redacted））"
    warned = {p.column for p in result.report.problems if p.code == "value.id_number_in_text"}
    assert warned == {"姓名", "组织名称", "活动名称"}
