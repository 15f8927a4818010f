"""Desk fixtures: one demo round per session (building it takes seconds), a fresh
central store per test, a headless secretariat machine (no keyring)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.desk import DemoRound, demo_round


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


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator:
    """The desk in its default language, as a secretariat user starts it."""
    from reviewer_app.gui.i18n import Translations

    translations = Translations(qapp)
    assert translations.apply("zh_CN")
    yield translations
    translations.remove()
