#!/usr/bin/env bash
# Build the one-folder application bundle into dist/ExpertReviewDesk.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-build
.venv-build/bin/pip install -q -e '.[build]'
.venv-build/bin/pyinstaller --noconfirm --clean installer/reviewer-app.spec
echo "built: dist/ExpertReviewDesk ($(du -sh dist/ExpertReviewDesk | cut -f1))"
