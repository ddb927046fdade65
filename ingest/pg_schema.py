"""The PostgreSQL store's tables (``ingest.pg_store``): the store's own (versions, the
current version, the log) and one per dataset, its columns typed from the data contract.

The schema is changed only by migrations, plain SQL files applied in order
(``ingest/migrations/NNNN_name.sql``, ``ingest.migrate``). ``dataset_tables`` writes the
dataset tables the contract implies; a test checks that the migrations create exactly
those, so that a change to the contract comes with a migration.
"""

from __future__ import annotations

from domain.contract import DATASETS, Kind

# what each kind of column is stored as; a 身份证号 is stored only as its hash (id_hash),
# phones and addresses not at all (``ingest.privacy``)
SQL_TYPES = {
    Kind.TEXT: "text",
    Kind.CATEGORY: "text",
    Kind.DATE: "date",
    Kind.INT: "bigint",
    Kind.NUMBER: "double precision",
    Kind.BOOL: "boolean",
}
ID_HASH = "id_hash"  # the column a 身份证号's salted hash is kept in
TABLE_PREFIX = "ds_"  # ds_members, ds_branches, …


def table_of(dataset: str) -> str:
    """The table a dataset's rows are kept in."""
    return TABLE_PREFIX + dataset


def quoted(name: str) -> str:
    """An identifier quoted for SQL (the contract has columns named date and union)."""
    return '"' + name.replace('"', '""') + '"'


def stored_columns(dataset: str) -> list[tuple[str, str]]:
    """(column, SQL type) of a dataset's table, in the contract's order, after the
    version and the row's place in it."""
    columns = []
    for field in DATASETS[dataset].fields:
        if field.kind in SQL_TYPES:
            columns.append((field.name, SQL_TYPES[field.kind]))
        elif field.kind is Kind.ID_NUMBER:
            columns.append((ID_HASH, "text"))
    return columns


def dataset_tables() -> str:
    """The SQL that creates every dataset's table: a row is (version_id, row_no, the
    contract's columns); its key, the version whose upload it belongs to and its place in
    that version's order."""
    statements = []
    for dataset in DATASETS:
        lines = ["  version_id text NOT NULL REFERENCES store_versions (id)",
                 "  row_no bigint NOT NULL"]  # fmt: skip
        lines += [f"  {quoted(name)} {kind}" for name, kind in stored_columns(dataset)]
        lines.append("  PRIMARY KEY (version_id, row_no)")
        body = ",\n".join(lines)
        statements.append(f"CREATE TABLE {table_of(dataset)} (\n{body}\n);\n")
    return "\n".join(statements)
