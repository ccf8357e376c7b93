; Inno Setup 6 script for perfdesk — per-user install, no administrator rights needed.
; Build: installer\build.ps1 (runs PyInstaller, then: iscc installer\perfdesk.iss)
; Input: dist\perfdesk\ (the PyInstaller one-folder build). Output: dist\perfdesk-setup-<version>.exe

#define AppName "perfdesk 预算绩效目标"
#define AppExe "perfdesk.exe"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1E2B3A-7F4D-4E8B-9A51-5D0C2E7F9B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=perfdesk
DefaultDirName={autopf}\perfdesk
DefaultGroupName=perfdesk
; Per-user: installs under %LOCALAPPDATA%\Programs, registry under HKCU, no UAC prompt.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=perfdesk-setup-{#AppVersion}
SetupIconFile=..\resources\icons\perfdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
DisableProgramGroupPage=yes

[Languages]
Name: "chinesesimp"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "association"; Description: "用 perfdesk 打开 .perfdesk 文件"; GroupDescription: "文件关联"

[Files]
; Only the program folder is installed and uninstalled; the clerk's documents, the recovery
; journals and backups (%LOCALAPPDATA%\perfdesk) are never touched by the uninstaller.
Source: "..\dist\perfdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\perfdesk 预算绩效目标"; Filename: "{app}\{#AppExe}"
Name: "{group}\卸载 perfdesk"; Filename: "{uninstallexe}"
Name: "{userdesktop}\perfdesk 预算绩效目标"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Per-user file association (HKCU\Software\Classes): .perfdesk → perfdesk.Document
Root: HKCU; Subkey: "Software\Classes\.perfdesk"; ValueType: string; ValueName: ""; ValueData: "perfdesk.Document"; Flags: uninsdeletevalue; Tasks: association
Root: HKCU; Subkey: "Software\Classes\perfdesk.Document"; ValueType: string; ValueName: ""; ValueData: "预算绩效目标文档"; Flags: uninsdeletekey; Tasks: association
Root: HKCU; Subkey: "Software\Classes\perfdesk.Document\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: association
Root: HKCU; Subkey: "Software\Classes\perfdesk.Document\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: association

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,perfdesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Nothing beyond the installed files: user documents, backups and settings stay.
