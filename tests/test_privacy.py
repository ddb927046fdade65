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
