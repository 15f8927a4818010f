"""Every value re-encrypted under the expert's own key, bound to its row.

Up to w0002 a value was sealed under the package's subkey alone (every expert of
the panel can derive it) with the column label as AAD, stored form 0x01. This
re-encrypts each value in place under the expert's workspace key with the
row-bound AAD of docs/formats.md §4 (stored form 0x02), and records which of the
expert's secrets the key takes. ``storage.engines.migrate`` runs it in the same
transaction as the version stamp: on any failure (a wrong key, a crash) the file
stays as it was, at w0002, and opens again.

The store passes the keys as ``context.config.attributes``: ``legacy_key`` (the
package's subkey), ``cipher`` (a ``WorkspaceCipher`` under the new key),
``key_source`` and ``seat_id``.

Revision ID: w0003
Revises: w0002
Create Date: 2026-11-29
"""

import os
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import context, op
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reviewer_app.storage.encrypted import WorkspaceKeyError, row_aad

revision = "w0003"
down_revision = "w0002"
branch_labels = None
depends_on = None

# The tables as they are at this revision: the columns that name each row in the
# AAD, and the encrypted columns. workspace_meta comes first, so a wrong package
# key fails on its key check before any other work.
TABLES = (
    ("workspace_meta", ("package_id",), ("key_check",)),
    ("project_review", ("project_id",), ("conflict_reason", "overall_comment",
                                         "recommendation")),
    ("criterion_score", ("project_id", "criterion_id"), ("score", "comment")),
    ("evidence", ("project_id", "criterion_id", "member_id", "page"), ("note",)),
    ("audit_log", ("id",), ("detail",)),
    ("inspection_answer", ("project_id", "item_id"), ("result", "note")),
    ("inspection_findings", ("project_id",), ("findings",)),
    ("inspection_photo", ("project_id", "sha256"), ("caption", "data")),
)
# Rows read per statement; photos are up to 20 MB each, so they go one at a time.
BATCH_ROWS = {"inspection_photo": 1}
DEFAULT_BATCH_ROWS = 500
LEGACY_VERSION = b"\x01"
NONCE_SIZE = 12
TAG_SIZE = 16

# (table, column, row key, stored value) -> new stored value
Convert = Callable[[str, str, Sequence[object], bytes], bytes]


def upgrade() -> None:
    op.add_column("workspace_meta", sa.Column("key_source", sa.String(16)))
    connection = op.get_bind()
    keys = context.config.attributes
    meta = connection.exec_driver_sql("SELECT seat_id FROM workspace_meta").first()
    if meta is not None:
        if "cipher" not in keys:
            raise WorkspaceKeyError("this workspace needs its keys to be upgraded")
        if meta.seat_id and meta.seat_id != keys["seat_id"]:
            # The first secret to open it becomes its key: not another seat's.
            raise WorkspaceKeyError(f"this workspace was started for seat {meta.seat_id}: "
                                    "open it with that seat to upgrade it")
        legacy, cipher = AESGCM(keys["legacy_key"]), keys["cipher"]

        def reseal(table: str, column: str, row_key: Sequence[object], blob: bytes) -> bytes:
            plain = _legacy_open(legacy, f"{table}.{column}", blob)
            return cipher.seal(row_aad(table, column, row_key), plain)

        _convert_all(connection, reseal)
        connection.execute(sa.text("UPDATE workspace_meta SET key_source = :source"),
                           {"source": keys["key_source"]})
    with op.batch_alter_table("workspace_meta") as batch:
        batch.alter_column("key_source", existing_type=sa.String(16), nullable=False)


def downgrade() -> None:
    connection = op.get_bind()
    keys = context.config.attributes
    if connection.exec_driver_sql("SELECT 1 FROM workspace_meta").first() is not None:
        legacy, cipher = AESGCM(keys["legacy_key"]), keys["cipher"]

        def unseal(table: str, column: str, row_key: Sequence[object], blob: bytes) -> bytes:
            plain = cipher.open(row_aad(table, column, row_key), blob)
            return _legacy_seal(legacy, f"{table}.{column}", plain)

        _convert_all(connection, unseal)
    with op.batch_alter_table("workspace_meta") as batch:
        batch.drop_column("key_source")


def _convert_all(connection: sa.Connection, convert: Convert) -> None:
    for table, key, columns in TABLES:
        _convert_table(connection, table, key, columns, convert)


def _convert_table(connection: sa.Connection, table: str, key: tuple[str, ...],
                   columns: tuple[str, ...], convert: Convert) -> None:
    # Pages by rowid: every table here has one, and updates do not move it.
    select = (f"SELECT rowid, {', '.join(key + columns)} FROM {table} "
              "WHERE rowid > ? ORDER BY rowid LIMIT ?")
    update = sa.text(f"UPDATE {table} SET {', '.join(f'{c} = :{c}' for c in columns)} "
                     "WHERE rowid = :rowid")
    last = -(2 ** 63)
    while rows := connection.exec_driver_sql(
            select, (last, BATCH_ROWS.get(table, DEFAULT_BATCH_ROWS))).all():
        changes = []
        for rowid, *values in rows:
            row_key, stored = values[:len(key)], values[len(key):]
            changes.append({"rowid": rowid, **{
                column: None if blob is None else convert(table, column, row_key, bytes(blob))
                for column, blob in zip(columns, stored, strict=True)}})
        connection.execute(update, changes)
        last = rows[-1][0]


def _legacy_open(aead: AESGCM, label: str, blob: bytes) -> bytes:
    if blob[:1] != LEGACY_VERSION or len(blob) < 1 + NONCE_SIZE + TAG_SIZE:
        raise WorkspaceKeyError(f"workspace value {label} has an unknown format")
    try:
        return aead.decrypt(blob[1:1 + NONCE_SIZE], blob[1 + NONCE_SIZE:],
                            label.encode("ascii"))
    except InvalidTag:
        raise WorkspaceKeyError("workspace data does not match this package's key "
                                "(wrong package, or the file was altered)") from None


def _legacy_seal(aead: AESGCM, label: str, plain: bytes) -> bytes:
    nonce = os.urandom(NONCE_SIZE)
    return LEGACY_VERSION + nonce + aead.encrypt(nonce, plain, label.encode("ascii"))
