"""``verify-package``: is this copy of a package whole, every material of it?

Opening a package authenticates its header and signed manifest only; a material
is authenticated when it is read (each 64 KiB segment by AES-GCM, the whole by
its signed BLAKE3 digest). So a USB copy whose last material took a bad sector
opens and inspects fine, and an expert finds out at that material. This command
reads every member the way the app does and names each one that fails, before
the copy is handed out. Exit 0: all verified; 1: a member is damaged (or the
package does not open).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from reviewer_app.cli.terminal import shown


class _Discard:
    """A sink for decrypted material: verifying keeps no plaintext, not even in memory."""

    def write(self, data: bytes | memoryview) -> int:
        return len(data)


def register(subparsers: argparse._SubParsersAction) -> None:
    verify = subparsers.add_parser(
        "verify-package",
        help="decrypt and authenticate every material of a package (check a copy before "
             "handing it out); exit 1 names the damaged ones")
    verify.add_argument("package", type=Path)
    verify.add_argument("--passphrase-file", type=Path, required=True)
    verify.add_argument("--organizer-fingerprint", metavar="FP",
                        help="also require the package to be signed by this organizer")
    verify.add_argument("--json", action="store_true", help="machine-readable output")
    verify.set_defaults(func=run_verify_package)


def run_verify_package(args: argparse.Namespace) -> int:
    from reviewer_app.cli.package_commands import open_package
    from reviewer_app.package.errors import PackageError

    started = time.perf_counter()
    damaged: list[dict[str, object]] = []
    progress = sys.stderr.isatty() and not args.json
    with open_package(args.package, args.passphrase_file,
                      trusted=args.organizer_fingerprint) as reader:
        members = reader.members
        total = sum(m.length for m in members)
        done = 0
        for info in members:
            try:
                reader.copy_member(info.id, _Discard())
            except PackageError as exc:
                damaged.append({"id": info.id, "name": info.name, "reason": exc.detail
                                or str(exc), "kind": type(exc).__name__})
            done += info.length
            if progress:
                print(f"\rverifying {done * 100 // max(total, 1):3d}%", end="", file=sys.stderr)
        if progress:
            print("\r", end="", file=sys.stderr)
        summary = {
            "package_id": reader.package_id,
            "organizer_fingerprint": reader.organizer_fingerprint,
            "members": len(members),
            "bytes": total,
            "damaged": damaged,
            "verified": not damaged,
        }
    seconds = time.perf_counter() - started
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(f"package   {summary['package_id']}, signed by organizer "
              f"{summary['organizer_fingerprint']}")
        for item in damaged:
            print(f"damaged   member {item['id']} {shown(str(item['name']))}: "
                  f"{shown(str(item['reason']))}")
        if damaged:
            print(f"{len(damaged)} of {len(members)} materials damaged: this copy must not be "
                  "handed out; copy the package again from the original and verify the copy")
        else:
            print(f"verified  all {len(members)} materials ({total / 1e6:.1f} MB) decrypt and "
                  f"match their signed checksums ({seconds:.1f} s)")
    return 1 if damaged else 0
