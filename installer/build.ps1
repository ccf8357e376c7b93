# Build perfdesk on Windows: the PyInstaller one-folder bundle, its smoke test, then the
# Inno Setup installer. See docs/install.md.  Run from the repository root:
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install -q --upgrade pip
.venv\Scripts\python -m pip install -q -e . "pyinstaller==6.22.3"
# Windows has 仿宋/宋体/黑体; no fallback fonts are bundled (PERFDESK_STAGE has none).
$env:PERFDESK_STAGE = "$PWD\build\stage"
New-Item -ItemType Directory -Force $env:PERFDESK_STAGE | Out-Null
.venv\Scripts\python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\perfdesk.spec
$env:QT_QPA_PLATFORM = "offscreen"
& dist\perfdesk\perfdesk-cli.exe --smoke
if ($LASTEXITCODE -ne 0) { throw "smoke test failed" }
Remove-Item Env:QT_QPA_PLATFORM
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { $iscc = "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe" }
& $iscc installer\perfdesk.iss
