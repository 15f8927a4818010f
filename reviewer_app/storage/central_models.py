"""The secretariat's central store: packages, seats, received sheets, merge decisions.

Every sheet file ever received is kept byte for byte (``sheet_file``), with the
decision taken on it (``merge_decision``); ``accepted_sheet`` points at the one
revision per seat that counts. Results read the reviews from those files: the
signed bytes are the only copy of a review, so nothing can drift from them, and
a merge writes a few rows per sheet instead of one per project. Unique
constraints make concurrent merges safe: two staff merging the same sheet at once
cannot insert it twice.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class CentralBase(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Program(CentralBase):
    """A funding program as its packages carried it (the program file, verbatim)."""

    __tablename__ = "program"

    program_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    program_file: Mapped[str] = mapped_column(Text)


class ResultsRun(CentralBase):
    """Every ``results`` run: its inputs' hashes and the results document it produced."""

    __tablename__ = "results_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    budget: Mapped[str] = mapped_column(String(40))
    document_sha256: Mapped[str] = mapped_column(String(64))
    document_json: Mapped[str] = mapped_column(Text)


class Package(CentralBase):
    __tablename__ = "package"

    package_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    program_id: Mapped[str] = mapped_column(String(80))
    session_kind: Mapped[str] = mapped_column(String(20))
    session_name: Mapped[str] = mapped_column(Text)
    manifest_json: Mapped[str] = mapped_column(Text)  # exact manifest plaintext
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    # A second round (复议, manifest format 5, c0008): round 2 and the first round's
    # package, whose seats' reviews its accepted sheets replace (central/results.py).
    round: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # No foreign key: SQLite could then not drop the column again without rebuilding
    # ``package``, which ``seat`` refers to; register_package checks it instead.
    first_round_package_id: Mapped[str | None] = mapped_column(String(32), index=True)


class Seat(CentralBase):
    __tablename__ = "seat"

    package_id: Mapped[str] = mapped_column(ForeignKey("package.package_id"), primary_key=True)
    seat_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    public_key: Mapped[str | None] = mapped_column(String(64))
    # No seat code, ever: whoever reads the store could sign for the seat (c0005).


class Assignment(CentralBase):
    __tablename__ = "assignment"
    __table_args__ = (ForeignKeyConstraint(["package_id", "seat_id"],
                                           ["seat.package_id", "seat.seat_id"]),)

    package_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seat_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(40), primary_key=True)


class SheetFile(CentralBase):
    """Every distinct sheet file received, verified or not."""

    __tablename__ = "sheet_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)  # of the raw bytes
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    source_name: Mapped[str] = mapped_column(Text)


class MergeDecision(CentralBase):
    __tablename__ = "merge_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sheet_sha256: Mapped[str] = mapped_column(ForeignKey("sheet_file.sha256"))
    package_id: Mapped[str | None] = mapped_column(String(32))
    seat_id: Mapped[str | None] = mapped_column(String(40))
    revision: Mapped[int | None] = mapped_column(Integer)
    body_sha256: Mapped[str | None] = mapped_column(String(64))
    # accepted | replaced | no-op | equivocation | rollback | rejected
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AcceptedSheet(CentralBase):
    """The revision that counts for each seat of each package."""

    __tablename__ = "accepted_sheet"
    __table_args__ = (ForeignKeyConstraint(["package_id", "seat_id"],
                                           ["seat.package_id", "seat.seat_id"]),)

    package_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seat_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    body_sha256: Mapped[str] = mapped_column(String(64))
    sheet_sha256: Mapped[str] = mapped_column(ForeignKey("sheet_file.sha256"))
    equivocation: Mapped[bool] = mapped_column(Boolean, default=False)


class DeclaredConflict(CentralBase):
    """A conflict declared in the counting sheet of a seat (c0007), with its category
    (NULL for sheets of formats 1 and 2, shown as 未分类) and, where the build had
    pre-screened it, the expert's answer. Rewritten whenever the seat's accepted sheet
    changes; none for an equivocating seat, whose reviews do not count."""

    __tablename__ = "declared_conflict"

    package_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seat_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    category: Mapped[str | None] = mapped_column(String(32))
    hint_answer: Mapped[str | None] = mapped_column(String(16))
    body_sha256: Mapped[str] = mapped_column(String(64))


class EligibilityDecision(CentralBase):
    """The secretariat's decision on a project's eligibility (形式审查复核).

    A 需复核 finding is settled only by such a record; a later decision on the same
    project supersedes an earlier one, and every one is kept.
    """

    __tablename__ = "eligibility_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(40), index=True)
    outcome: Mapped[str] = mapped_column(String(10))          # pass | fail
    status_before: Mapped[str | None] = mapped_column(String(20))  # the review's status then
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class LedgerAward(CentralBase):
    """An award of the program year that counts against the per-enterprise cap and the
    annual budget: from an intake's prior_awards.csv (carried in a package's
    manifest), a CSV given to ``results --prior-awards``, or a final award plan."""

    __tablename__ = "ledger_award"
    __table_args__ = (UniqueConstraint("source", "source_ref", "line"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = mapped_column(String(80))
    year: Mapped[int] = mapped_column(Integer)
    uscc: Mapped[str] = mapped_column(String(18))
    project_id: Mapped[str | None] = mapped_column(String(40))
    amount: Mapped[str] = mapped_column(String(40))           # 元, decimal string
    source: Mapped[str] = mapped_column(String(20))           # package | csv | award-plan
    source_ref: Mapped[str] = mapped_column(String(64))       # package id, file SHA-256, plan id
    line: Mapped[int] = mapped_column(Integer)                # position within the source
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class PublicityPeriod(CentralBase):
    """A 公示 period: the results document put on public notice, and its dates."""

    __tablename__ = "publicity_period"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)           # the 5th working day
    working_days: Mapped[int] = mapped_column(Integer)
    calendar: Mapped[str] = mapped_column(Text)               # which holiday calendar said so
    document_sha256: Mapped[str] = mapped_column(String(64))  # results.json published
    document_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Objection(CentralBase):
    """An objection (异议) received during a 公示 period, and what was decided on it."""

    __tablename__ = "objection"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("publicity_period.id"))
    project_id: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    received_on: Mapped[dt.date] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(10))   # upheld | dismissed
    outcome_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AwardPlan(CentralBase):
    """The final award plan (资助计划) written after a 公示 period ended."""

    __tablename__ = "award_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("publicity_period.id"), unique=True)
    document_sha256: Mapped[str] = mapped_column(String(64))
    document_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class PhotoPackageFile(CentralBase):
    """Every inspection photo package received (docs/formats.md §5), kept byte for byte
    as it came: encrypted to the organizer's return key, so the store never holds a
    photo in clear. ``photos --project`` decrypts it again with that key."""

    __tablename__ = "photo_package"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)  # of the raw file
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    source_name: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    # From its verified index (None when it could not be opened):
    package_id: Mapped[str | None] = mapped_column(String(32), index=True)
    seat_id: Mapped[str | None] = mapped_column(Text)  # as the (unverified) index says
    sheet_revision: Mapped[int | None] = mapped_column(Integer)
    sheet_body_sha256: Mapped[str | None] = mapped_column(String(64))
    # accepted | no-op | superseded | rejected
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ReceivedPhoto(CentralBase):
    """One photo of an accepted photo package: its hash and what the index says of it
    (the image itself stays inside the encrypted package)."""

    __tablename__ = "received_photo"

    photo_package_sha256: Mapped[str] = mapped_column(ForeignKey("photo_package.sha256"),
                                                      primary_key=True)
    member_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[str] = mapped_column(Text, index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(Text)
    caption: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
