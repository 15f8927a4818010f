"""Shared fixtures: the vector package, real keys, and a manifest with the real rubric."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reviewer_app.sheets import SheetContext, SignedSheet, build_sheet
from reviewer_app.storage.workspace import ProjectState
from tests.helpers.programs import default_program

VECTORS = Path(__file__).resolve().parents[2] / "vectors" / "sheets"
CREATED_AT = dt.datetime(2026, 6, 20, 2, 30, tzinfo=dt.UTC)


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sheet_vector_generator",
                                                  VECTORS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _load_generator()


@pytest.fixture
def gen() -> ModuleType:
    return GEN


@pytest.fixture
def manifest() -> dict[str, Any]:
    """The small panel package of the vectors (3 criteria, seats S01-S03)."""
    return GEN.manifests()["manifest.json"]


@pytest.fixture
def manifest_sha256(manifest: dict[str, Any]) -> str:
    return hashlib.sha256(GEN.manifest_bytes(manifest)).hexdigest()


@pytest.fixture
def context(manifest: dict[str, Any], manifest_sha256: str) -> SheetContext:
    return SheetContext.from_manifest(manifest, manifest_sha256, GEN.SEAT_CODES)


@pytest.fixture
def key_a() -> Ed25519PrivateKey:
    return GEN.KEY_A


@pytest.fixture
def states() -> dict[str, ProjectState]:
    return GEN._states_s01(1)


@pytest.fixture
def sheet(manifest: dict[str, Any], manifest_sha256: str,
          states: dict[str, ProjectState]) -> SignedSheet:
    return build_sheet(manifest, manifest_sha256=manifest_sha256, seat_id="S01",
                       expert_name="张伟", states=states, private_key=GEN.KEY_A,
                       seat_code=GEN.SEAT_CODES["S01"], created_at=CREATED_AT)


def real_manifest(n_projects: int = 2) -> dict[str, Any]:
    """A panel manifest carrying the bundled program's real rubric and names."""
    program = default_program()
    pids = [f"AI2026-{i:04d}" for i in range(1, n_projects + 1)]
    return {
        "format": "rvpkg-manifest/1",
        "package_id": "a1" * 16,
        "created_at": "2026-06-15T01:00:00Z",
        "program": program.to_manifest(),
        "session": {"kind": "panel", "name": f"{program.info.name} 2026 专家评审会",
                    "deadline": "2026-06-30"},
        "rubric": program.rubric.to_dict(),
        "seats": [{"seat_id": "A03", "name": "专家三", "public_key": None}],
        "assignments": {"A03": pids},
        "projects": [{"project_id": pid, "project_title": f"基于大模型的智能质检系统（{i}期）",
                      "enterprise_name": "深圳市南山智造科技有限公司", "materials": []}
                     for i, pid in enumerate(pids, start=1)],
        "members": [],
    }


def manifest_digest(manifest: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(manifest, ensure_ascii=False,
                                     sort_keys=True).encode()).hexdigest()
