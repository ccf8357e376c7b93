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
# The redistributable CJK fallback fonts go into the bundle (Windows PCs use their own fonts),
# each with its Debian copyright file: the Arphic Public License (AR PL UMing, BabelStone Han)
# allows verbatim copies only with the licence kept; WenQuanYi is Apache-2.0 / GPL-3 with the
# font exception; BabelStone Han's symbol glyphs are CC-BY-SA (attribution in the same file).
mkdir -p "$stage/fonts/licenses"
for pair in wqy/wqy-microhei.ttc:fonts-wqy-microhei arphic/uming.ttc:fonts-arphic-uming \
            babelstone/BabelStoneHan.ttf:fonts-babelstone-han; do
  f="/usr/share/fonts/truetype/${pair%%:*}" pkg="${pair##*:}"
  [ -f "$f" ] || continue
  cp "$f" "$stage/fonts/"
  cp "/usr/share/doc/$pkg/copyright" "$stage/fonts/licenses/$pkg.txt"
done
PERFDESK_STAGE="$PWD/$stage" $PY -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/perfdesk.spec
du -sh dist/perfdesk
QT_QPA_PLATFORM=offscreen dist/perfdesk/perfdesk-cli --smoke
