"""``build``, ``inspect``, ``extract`` and ``organizer``: the review package commands."""

from __future__ import annotations

import argparse
import contextlib
import csv
import getpass
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from reviewer_app.cli.intake_commands import add_material_limit_option
from reviewer_app.core.errors import ReviewerError
from reviewer_app.core.seat_codes import format_seat_code

SEAT_CODES_HEADER = ("seat_id", "name", "seat_code")


def register(subparsers: argparse._SubParsersAction) -> None:
    build = subparsers.add_parser("build", help="build an encrypted, signed review package")
    build.add_argument("dir", type=Path, help="intake folder")
    build.add_argument("--out", type=Path, required=True, help="the .revpkg to write")
    build.add_argument("--passphrase-file", type=Path, help="file holding the passphrase")
    build.add_argument("--allow-weak-passphrase", action="store_true",
                       help="accept a passphrase below the strength floor (rehearsals only)")
    build.add_argument("--recipient", type=Path, action="append", default=[], metavar="PUB",
                       help="an expert's exported public key file (repeatable)")
    build.add_argument("--kind", choices=("panel", "inspection"), default="panel")
    build.add_argument("--session-name", help="shown to experts (default: program and kind)")
    build.add_argument("--deadline", help="review deadline, YYYY-MM-DD")
    build.add_argument("--seat-codes-out", type=Path, metavar="F",
                       help="write the seat codes here (CSV seat_id,name,seat_code)")
    add_material_limit_option(build)
    _organizer_options(build)
    build.set_defaults(func=run_build)

    inspect = subparsers.add_parser(
        "inspect", help="summarise a package (its signed manifest; verify-package checks "
                        "every material)")
    inspect.add_argument("package", type=Path)
    inspect.add_argument("--passphrase-file", type=Path, required=True)
    inspect.add_argument("--json", action="store_true")
    inspect.set_defaults(func=run_inspect)

    extract = subparsers.add_parser("extract", help="decrypt one member to a file (audits)")
    extract.add_argument("package", type=Path)
    extract.add_argument("--passphrase-file", type=Path, required=True)
    extract.add_argument("--member", type=int, required=True, metavar="ID")
    extract.add_argument("--out", type=Path, required=True, metavar="FILE")
    extract.set_defaults(func=run_extract)

    organizer = subparsers.add_parser("organizer",
                                      help="show (creating on first use) the organizer key")
    _organizer_options(organizer)
    organizer.add_argument("--export-key-file", type=Path, metavar="F",
                           help="also write the key to an encrypted key file (for a second "
                                "secretariat machine); its passphrase comes from "
                                "--organizer-passphrase-file")
    organizer.set_defaults(func=run_organizer)


def _organizer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--organizer-key", type=Path, metavar="K",
                        help="use this encrypted organizer key file instead of the key "
                             "kept for this user")
    parser.add_argument("--organizer-passphrase-file", type=Path, metavar="F",
                        help="passphrase of --organizer-key, or of the encrypted key file "
                             "used where no system keyring is available")


def _organizer(args: argparse.Namespace, *, create: bool = True):
    """The organizer identity: an explicit key file, else the user's key store.

    Args:
        create: make and store a key if the user has none (``build``, ``organizer``);
            without it a missing key is an error (``merge`` only checks packages).
    """
    from reviewer_app.central.organizer_key import load_organizer
    from reviewer_app.cli.common import read_passphrase, warn_if_exposed
    from reviewer_app.identity.errors import KeyNotFound
    from reviewer_app.identity.organizer import load_organizer_key_file

    if args.organizer_key:
        if not args.organizer_passphrase_file:
            raise ReviewerError("--organizer-key needs --organizer-passphrase-file")
        warn_if_exposed(args.organizer_passphrase_file)
        return load_organizer_key_file(args.organizer_key, args.organizer_passphrase_file), \
            False, str(args.organizer_key)

    def passphrase(creating: bool) -> str:
        if args.organizer_passphrase_file:
            return read_passphrase(args.organizer_passphrase_file)
        if not sys.stdin.isatty():
            raise ReviewerError("no usable system keyring: give --organizer-passphrase-file "
                                "to keep the organizer key in an encrypted file")
        first = getpass.getpass("organizer key passphrase: ")
        if creating and getpass.getpass("again: ") != first:
            raise ReviewerError("the two passphrases differ")
        return first

    try:
        return load_organizer(passphrase, create=create)
    except KeyNotFound:
        raise ReviewerError("this secretariat has no organizer key yet: give "
                            "--organizer-fingerprint (the organizer that signed the "
                            "package) or --organizer-key") from None


def _say_organizer(identity, created: bool, where: str) -> None:
    print(("created a new organizer key, kept in " if created else "organizer key from ")
          + where, file=sys.stderr)
    print(f"organizer fingerprint: {identity.fingerprint}")


def read_recipient(path: Path) -> bytes:
    """The X25519 key of an expert's exported public key file
    (:func:`reviewer_app.identity.expert.parse_public_key_file`)."""
    from reviewer_app.identity.errors import KeyFileInvalid
    from reviewer_app.identity.expert import parse_public_key_file

    try:
        return parse_public_key_file(path.read_text(encoding="utf-8")).encryption
    except KeyFileInvalid:
        raise ReviewerError(f"recipient file {path}: not an exported public key "
                            "(base64 of 32 bytes)") from None


def _seat_codes_csv(plan) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SEAT_CODES_HEADER)
    names = {s["seat_id"]: s["name"] for s in plan.manifest["seats"]}
    for seat_id, code in plan.seat_codes.items():
        writer.writerow([seat_id, names[seat_id], format_seat_code(code)])
    return buffer.getvalue().encode("utf-8")


def run_build(args: argparse.Namespace) -> int:
    from reviewer_app.atomic import atomic_write_bytes
    from reviewer_app.central.package_build import plan_package, write_planned_package
    from reviewer_app.cli.common import optional_deadline, read_passphrase

    if not args.passphrase_file and not args.recipient:
        raise ReviewerError("give --passphrase-file, --recipient, or both")
    if not args.seat_codes_out:
        print("warning: no --seat-codes-out: the seat codes of this package are not kept, "
              "and sheets can only be tied to seats with enrolled keys", file=sys.stderr)
    deadline = optional_deadline(args.deadline)
    passphrase = read_passphrase(args.passphrase_file) if args.passphrase_file else None
    if passphrase is not None:
        _check_package_passphrase(passphrase, args.allow_weak_passphrase)
    recipients = [read_recipient(path) for path in args.recipient]
    planned = plan_package(args.dir, kind=args.kind, session_name=args.session_name,
                           deadline=deadline, max_material_mb=args.max_material_mb)
    plan = planned.plan
    for warning in planned.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    identity, created, where = _organizer(args)
    progress = _progress_printer() if sys.stderr.isatty() else None
    # Seat codes first: a package whose codes were lost cannot tie sheets to seats.
    if args.seat_codes_out:
        atomic_write_bytes(args.seat_codes_out, _seat_codes_csv(plan), mode=0o600)
    info = write_planned_package(planned, args.out, organizer_key=identity.private_key,
                                 passphrase=passphrase, recipients=recipients,
                                 progress=progress,
                                 return_public_key=identity.return_public_key)
    _say_organizer(identity, created, where)
    print(f"wrote {info.path} ({info.size / 1e6:.1f} MB): package {info.package_id}, "
          f"{len(plan.manifest['projects'])} projects, {len(plan.materials)} materials, "
          f"{len(plan.seat_codes)} seats")
    if args.seat_codes_out:
        print(f"seat codes: {args.seat_codes_out} (give each expert only their own)")
    _say_prescreen(plan)
    return 0


def _say_prescreen(plan) -> None:
    """The build's conflict pre-screen (manifest format 4): every likely conflict, which
    the expert's app asks about before that project can be scored."""
    from reviewer_app.cli.terminal import shown

    if plan.manifest.get("format") != "rvpkg-manifest/4":
        return
    hints = plan.conflict_hints
    print(f"conflict pre-screen: {len(hints)} likely conflict(s)")
    for hint in hints:
        print(f"  {shown(hint.seat_id)} / {shown(hint.project_id)}: {hint.category} "
              f"({shown(' = '.join(hint.matched))})")


def _check_package_passphrase(passphrase: str, allow_weak: bool) -> None:
    """A package on a lost stick is attacked offline: refuse a guessable passphrase
    unless this is a rehearsal (``--allow-weak-passphrase``)."""
    from reviewer_app.identity.passphrase import WeakPassphrase, check_strength

    try:
        check_strength(passphrase, "the package passphrase")
    except WeakPassphrase as exc:
        if not allow_weak:
            raise ReviewerError(f"{exc}, or give --allow-weak-passphrase for a "
                                "rehearsal") from None
        print(f"warning: {exc} (accepted: --allow-weak-passphrase)", file=sys.stderr)


def _progress_printer():
    def progress(done: int, total: int, phase: str) -> None:
        if phase == "encrypt" and total:
            print(f"\rencrypting {done * 100 // total:3d}%", end="", file=sys.stderr)
        elif phase == "finish":
            print("\r", end="", file=sys.stderr)
    return progress


def add_trust_options(parser: argparse.ArgumentParser) -> None:
    """Which organizer's packages a command accepts: this secretariat's own by default."""
    _organizer_options(parser)
    parser.add_argument("--organizer-fingerprint", metavar="FP",
                        help="accept packages signed by this organizer instead of by this "
                             "secretariat's own organizer key (fingerprint as shown by "
                             "inspect)")


def trusted_organizer(args: argparse.Namespace) -> str:
    """The fingerprint of the organizer named by :func:`add_trust_options`' options."""
    if args.organizer_fingerprint:
        return args.organizer_fingerprint
    identity, _, _ = _organizer(args, create=False)
    return identity.fingerprint


@contextlib.contextmanager
def open_package(path: Path, passphrase_file: Path, trusted: str | None = None) -> Iterator:
    """Open a package with a passphrase file.

    Args:
        trusted: the fingerprint of the only organizer whose signature is accepted;
            None accepts any valid signature (to look inside a package, never to
            take its contents into the central store).
    """
    from reviewer_app.cli.common import read_passphrase
    from reviewer_app.package import open_package as open_reader
    from reviewer_app.package.errors import UntrustedOrganizer

    try:
        reader = open_reader(path, trusted_keys=None if trusted is None else [trusted],
                             passphrase=read_passphrase(passphrase_file))
    except UntrustedOrganizer as exc:
        raise ReviewerError(f"package {path} is signed by organizer {exc.fingerprint}, not "
                            f"by {trusted}: if that organizer is right, give "
                            f"--organizer-fingerprint {exc.fingerprint.replace(' ', '')}"
                            ) from None
    except ValueError as exc:  # a malformed --organizer-fingerprint
        raise ReviewerError(f"--organizer-fingerprint: {exc}") from None
    try:
        yield reader
    finally:
        reader.close()


def run_inspect(args: argparse.Namespace) -> int:
    with open_package(args.package, args.passphrase_file) as reader:
        manifest = reader.manifest
        summary = {
            "package_id": reader.package_id,
            "manifest_sha256": reader.manifest_sha256,
            "organizer": {"name": reader.organizer_name,
                          "fingerprint": reader.organizer_fingerprint},
            "size": reader.size,
            "created_at": manifest["created_at"],
            "program": {"id": manifest["program"]["id"], "name": manifest["program"]["name"],
                        "year": manifest["program"]["year"]},
            "session": manifest["session"],
            "seats": [{"seat_id": s["seat_id"], "name": s["name"],
                       "projects": len(manifest["assignments"].get(s["seat_id"], [])),
                       "enrolled_key": bool(s.get("public_key"))} for s in manifest["seats"]],
            "projects": [{"project_id": p["project_id"], "enterprise_name": p["enterprise_name"],
                          "eligibility": p["eligibility"]["status"],
                          "materials": len(p["materials"])} for p in manifest["projects"]],
            "members": [{"id": m.id, "name": m.name, "media_type": m.media_type,
                         "length": m.length, "blake3": m.blake3} for m in reader.members],
            # Only the header and manifest were authenticated: no material was decrypted.
            "members_verified": False,
        }
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"package   {summary['package_id']}  ({summary['size'] / 1e6:.1f} MB)")
    print(f"program   {summary['program']['name']} {summary['program']['year']}")
    print(f"session   {summary['session']['name']} ({summary['session']['kind']}), "
          f"deadline {summary['session']['deadline'] or '—'}")
    print(f"organizer {summary['organizer']['name']}  {summary['organizer']['fingerprint']}")
    print(f"created   {summary['created_at']}")
    print(f"manifest  sha256 {summary['manifest_sha256']}")
    print(f"seats     {len(summary['seats'])}: " + ", ".join(
        f"{s['seat_id']} {s['name']} ({s['projects']})" for s in summary["seats"]))
    print(f"projects  {len(summary['projects'])}, materials {len(summary['members'])}")
    print("materials not verified: inspect reads only the signed manifest; run "
          "reviewer-admin verify-package to decrypt and check every material")
    return 0


def run_extract(args: argparse.Namespace) -> int:
    from reviewer_app.atomic import atomic_output

    with open_package(args.package, args.passphrase_file) as reader:
        try:
            info = reader.member(args.member)
        except KeyError:
            raise ReviewerError(f"no member {args.member} in this package (members are 1 to "
                                f"{len(reader.members)})") from None
        # Each segment authenticates as it is read, the signed BLAKE3 digest at the end;
        # atomic_output keeps the file only if all of that succeeded.
        with atomic_output(args.out, mode=0o600) as handle:
            reader.copy_member(args.member, handle)
    print(f"wrote {args.out}: member {info.id} {info.name} ({info.length} bytes)")
    return 0


def run_organizer(args: argparse.Namespace) -> int:
    from reviewer_app.cli.common import read_passphrase

    identity, created, where = _organizer(args)
    _say_organizer(identity, created, where)
    print(f"public key: {identity.public_key_b64}")
    if args.export_key_file:
        if not args.organizer_passphrase_file:
            raise ReviewerError("--export-key-file needs --organizer-passphrase-file")
        identity.save_key_file(args.export_key_file,
                               read_passphrase(args.organizer_passphrase_file))
        print(f"wrote encrypted key file {args.export_key_file}")
    return 0
