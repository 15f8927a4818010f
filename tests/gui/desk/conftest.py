"""Desk fixtures: a demo intake shared by the session, a desk over a fresh SQLite store
in a private user data folder, and a working (in-memory) system keyring (intake and
packages pages); one demo round per session (building it takes seconds), a fresh
central store per test, a headless secretariat machine with no keyring (merge,
results and 公示 pages, which ask for ``chinese``)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.desk import DemoRound, demo_round, open_desk

PENDING = "AI2026-0005"   # the demo intake's (seed 3) 事业单位: 需复核


@pytest.fixture(scope="session")
def demo_intake_master(tmp_path_factory) -> Path:
    from reviewer_app.central.demo_intake import generate_demo_intake

    folder = tmp_path_factory.mktemp("desk-demo") / "intake"
    generate_demo_intake(folder, projects=10, seats=6, seed=3)
    return folder


@pytest.fixture
def demo_intake(demo_intake_master: Path, tmp_path: Path) -> Path:
    """A copy the test may change."""
    return Path(shutil.copytree(demo_intake_master, tmp_path / "intake", symlinks=True))


@pytest.fixture
def desk(qtbot, data_dir: Path, tmp_path: Path):
    """Open desks over ``tmp_path/central.sqlite`` (Chinese unless told)."""
    windows = []

    def make(lang: str = "zh_CN", db: Path | str | None = None):
        window = open_desk(qtbot, db or tmp_path / "central.sqlite", tmp_path, lang)
        windows.append(window)
        return window

    yield make
    from PySide6.QtCore import QCoreApplication, QEvent

    for window in windows:
        window.close()
        translations, engine = window.translations, window.context.engine
        # The window goes before its language: removing the translator posts a
        # LanguageChange on which live pages reload from a store that may be gone.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        translations.remove()  # a later test's widgets must not inherit the language
        QCoreApplication.processEvents()
        engine.dispose()


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> DemoRound:
    return demo_round(tmp_path_factory.mktemp("desk-round"))


@pytest.fixture
def secretariat(demo: DemoRound, monkeypatch, fail_keyring) -> DemoRound:
    from reviewer_app.paths import DATA_DIR_ENV

    monkeypatch.setenv(DATA_DIR_ENV, str(demo.data_dir))
    return demo


@pytest.fixture
def context(tmp_path: Path, secretariat) -> Iterator:
    from reviewer_app.gui.desk.context import open_desk_context

    desk = open_desk_context(str(tmp_path / "central.sqlite"), tmp_path / "out")
    yield desk
    desk.engine.dispose()


@pytest.fixture
def chinese(qapp) -> Iterator:
    """The desk in its default language, as a secretariat user starts it."""
    from reviewer_app.gui.i18n import Translations

    translations = Translations(qapp)
    assert translations.apply("zh_CN")
    yield translations
    translations.remove()
