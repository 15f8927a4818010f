#!/usr/bin/env bash
# Build the one-folder application bundle into dist/ExpertReviewDesk.
#
# BUILD_PYTHON: an interpreter that has the project and PyInstaller installed (CI passes
# its .venv's); without it a fresh .venv-build is made with `pip install -e '.[build]'`.
# The bundle runs on the glibc it was built on and newer only: build on the oldest
# system it must run on (docs/install-xinchuang.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BUILD_PYTHON:-}" ]; then
  python3 -m venv .venv-build
  .venv-build/bin/pip install -q -e '.[build]'
  BUILD_PYTHON=.venv-build/bin/python
fi
"$BUILD_PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "${DIST_DIR:-dist}" --workpath "${WORK_DIR:-build}" installer/reviewer-app.spec
echo "built: ${DIST_DIR:-dist}/ExpertReviewDesk ($(du -sh "${DIST_DIR:-dist}/ExpertReviewDesk" | cut -f1))"
