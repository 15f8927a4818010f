#!/usr/bin/env bash
# Build the one-folder bundle and prove it (issue 15); CI runs this (.ci/run).
#   1. size: at most MAX_BUNDLE_MB (200) MB, 10^6 bytes each, as the files' sizes add up;
#   2. the bundle's own --self-test passes, with no display and no keyring;
#   3. start-up to a visible main window, on a private Xvfb through the bundle's xcb
#      plugin: at most MAX_START_RATIO (2) times the source tree's, measured in the same
#      run (bench/bench_bundle.py).
# BUILD_PYTHON: an interpreter with the project and PyInstaller (see build.sh).
# SKIP_BUILD=1: check the bundle already in DIST_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST_DIR=${DIST_DIR:-dist}
MAX_BUNDLE_MB=${MAX_BUNDLE_MB:-200}
MAX_START_RATIO=${MAX_START_RATIO:-2}
PYTHON=${BUILD_PYTHON:-.venv-build/bin/python}
export DIST_DIR

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  started=$(date +%s)
  installer/build.sh
  echo "check-bundle: built in $(( $(date +%s) - started )) s"
fi
bundle="$DIST_DIR/ExpertReviewDesk"
exe="$bundle/ExpertReviewDesk"
[ -x "$exe" ] || { echo "check-bundle: no bundle at $bundle"; exit 1; }

bytes=$(du -s --apparent-size -B1 "$bundle" | cut -f1)
mb=$(( (bytes + 999999) / 1000000 ))
echo "check-bundle: size $mb MB ($bytes bytes, $(find "$bundle" -type f | wc -l) files); goal <= $MAX_BUNDLE_MB MB"
[ "$mb" -le "$MAX_BUNDLE_MB" ] || { echo "check-bundle: the bundle is too large"; exit 1; }

echo "check-bundle: Qt plugins: $(cd "$bundle/_internal/PySide6/Qt/plugins" && find . -type f | sort | tr '\n' ' ')"

# The self-test as an expert would run it, but headless and without a keyring.
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
  PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring "$exe" --self-test

"$PYTHON" bench/bench_bundle.py "$exe" --rounds "${START_ROUNDS:-5}" --max-ratio "$MAX_START_RATIO"
echo "check-bundle: ok"
