"""The demo package that ``reviewer-app --demo`` opens: built once, then cached.

The intake is generated in a temporary folder and deleted once the package is
built, so no plaintext material stays on disk even for the demo; the demo is
signed by its own organizer key, never by the secretariat's.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.atomic import atomic_write_bytes
from reviewer_app.files import private_dir

DEMO_PASSPHRASE = "演示-demo-2026"
DEMO_SEAT = "S01"
DEMO_PROJECTS = 8
DEMO_SEATS = 5
DEMO_SEED = 2026
_VERSION = 3  # bump when the demo content or the package format changes


@dataclass(frozen=True)
class DemoPackage:
    path: Path
    passphrase: str
    seat_id: str
    seat_code: str
    organizer_fingerprint: str


def ensure_demo_package(cache_dir: Path) -> DemoPackage:
    """Return the cached demo package, building it on first use (a few seconds)."""
    cache_dir = Path(cache_dir)
    info_path = cache_dir / "demo.json"
    package_path = cache_dir / "demo.revpkg"
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if info.get("version") == _VERSION and package_path.is_file():
            return DemoPackage(package_path, info["passphrase"], info["seat_id"],
                               info["seat_code"], info["organizer_fingerprint"])
    except (OSError, ValueError, KeyError):
        pass  # missing or damaged cache: build it again
    return _build(cache_dir, package_path, info_path)


def _build(cache_dir: Path, package_path: Path, info_path: Path) -> DemoPackage:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from reviewer_app.central.demo_intake import generate_demo_intake
    from reviewer_app.central.intake import load_intake
    from reviewer_app.central.manifest import build_manifest, member_sources
    from reviewer_app.core.seat_codes import format_seat_code
    from reviewer_app.package import write_package

    private_dir(cache_dir)
    organizer = Ed25519PrivateKey.generate()  # used once, then forgotten
    with tempfile.TemporaryDirectory(prefix="reviewer-demo-") as tmp:
        generate_demo_intake(Path(tmp) / "intake", projects=DEMO_PROJECTS, seats=DEMO_SEATS,
                             seed=DEMO_SEED)
        intake = load_intake(Path(tmp) / "intake")
        plan = build_manifest(intake, session_name="演示评审会 Demo session")
        members = member_sources(plan)
        info = write_package(package_path, plan.manifest, members, organizer_key=organizer,
                             organizer_name="演示组织方 Demo organizer",
                             passphrase=DEMO_PASSPHRASE, package_id=plan.package_id)
    demo = DemoPackage(package_path, DEMO_PASSPHRASE, DEMO_SEAT,
                       format_seat_code(plan.seat_codes[DEMO_SEAT]), info.organizer_fingerprint)
    atomic_write_bytes(info_path, json.dumps({
        "version": _VERSION, "passphrase": demo.passphrase, "seat_id": demo.seat_id,
        "seat_code": demo.seat_code, "organizer_fingerprint": demo.organizer_fingerprint,
    }, ensure_ascii=False).encode("utf-8"), mode=0o600)
    return demo
