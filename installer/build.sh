#!/usr/bin/env bash
# Build the one-folder bundle (dist/perfdesk/) with PyInstaller and smoke-test it headless.
#   bash installer/build.sh          — build and run `perfdesk-cli --smoke` from the bundle
# Needs the project's .venv (bash tools/dev.sh setup). Linux here; Windows uses build.ps1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=.venv/bin/python
$PY -m pip install -q "pyinstaller==6.22.3"
stage=build/stage
rm -rf "$stage" && mkdir -p "$stage/fonts"
# The redistributable CJK fallback fonts go into the bundle (Windows PCs use their own fonts).
for f in /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/fonts/truetype/arphic/uming.ttc; do
  [ -f "$f" ] && cp "$f" "$stage/fonts/"
done
PERFDESK_STAGE="$PWD/$stage" $PY -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/perfdesk.spec
du -sh dist/perfdesk
QT_QPA_PLATFORM=offscreen dist/perfdesk/perfdesk-cli --smoke
