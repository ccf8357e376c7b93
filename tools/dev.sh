#!/usr/bin/env bash
# Set up perfdesk on a fresh Debian machine, then run it or its tests.
#   bash tools/dev.sh run    — set up, then start the app on a bundled sample document
#   bash tools/dev.sh test   — set up, then run the whole test suite (what .ci/run does)
#   bash tools/dev.sh setup  — set up only
# Set-up installs the Debian packages the app and the tests need (as root, or with sudo),
# creates .venv and installs the project with its test extras. It is quick when nothing changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Qt's xcb/offscreen platform libraries, CJK fonts (BabelStone Han draws CJK Extensions A/B and
# emoji that the others lack), pdffonts/pdftotext, a virtual screen,
# and LibreOffice to prove that exported workbooks and documents open in a real office suite.
# Carlito and Liberation are metric-compatible with Calibri (the workbook's default font, the unit
# of Excel column widths) and Times New Roman (Latin text in Word): only so that LibreOffice's
# renderings used as previews measure like Office (without them columns print a third wider and
# sheets shrink to fit); the app itself never uses them.
APT_PACKAGES=(
  python3-venv fonts-wqy-microhei fonts-arphic-uming fonts-babelstone-han fonts-dejavu-core poppler-utils xvfb xauth
  fonts-crosextra-carlito fonts-liberation2
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libnss3 libxkbfile1
  libreoffice-calc-nogui libreoffice-writer-nogui
)

log() { printf '\033[1m[perfdesk]\033[0m %s\n' "$*" >&2; }

install_debian_packages() {
  command -v dpkg-query >/dev/null || { log "not Debian: install ${APT_PACKAGES[*]} yourself"; return; }
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  for py in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [ -n "$py" ] && command -v "$py" >/dev/null || continue
    "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' && { echo "$py"; return; }
  done
  log "Python 3.11 or newer is needed"; exit 2
}

setup_venv() {
  local stamp=.venv/.perfdesk-installed
  local want
  want=$(sha256sum pyproject.toml | cut -c1-16)
  if [ ! -x .venv/bin/python ]; then
    log "creating .venv"
    "$(find_python)" -m venv .venv
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing perfdesk and its dependencies into .venv"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e '.[test]'
    echo "$want" > "$stamp"
  fi
}

setup() { install_debian_packages; setup_venv; }

case "${1:-run}" in
  setup) setup ;;
  run)
    setup
    mkdir -p out
    sample=out/示例-昌黎县应急管理局2021.perfdesk
    [ -f "$sample" ] || .venv/bin/perfdesk sample changli-2021 -o "$sample"
    shift || true
    exec .venv/bin/perfdesk "$sample" "$@"
    ;;
  test)
    setup
    shift || true
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest "$@"
    ;;
  *) log "usage: bash tools/dev.sh run|test|setup"; exit 2 ;;
esac
