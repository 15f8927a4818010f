"""Test-wide settings: Qt runs offscreen, nothing touches the real user profile."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
