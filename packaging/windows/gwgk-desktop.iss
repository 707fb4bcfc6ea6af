; Inno Setup script of the Windows installer (Inno Setup 6.3 or later, with the Simplified
; Chinese messages file; see docs/building.md). UNTESTED: there is no Windows machine in
; this project's CI. Build the bundle first (python packaging\build.py bundle), then:
;
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\gwgk-desktop.iss
;
; The installer copies dist\gwgk-desktop\ to Program Files (or, without administrator rights,
; to the user's own Programs folder), adds Start-menu and optional desktop shortcuts to the
; windowed gwgk-desktop.exe, and registers an uninstaller. User data lives in
; %LOCALAPPDATA%\gwgk-desktop and is never touched by installing, upgrading or uninstalling.

#ifndef AppVersion
  #error "Pass the version: ISCC.exe /DAppVersion=0.1.0 gwgk-desktop.iss"
#endif

#define AppName "政务公开目录"
#define AppExe "gwgk-desktop.exe"
#define Root "..\.."

[Setup]
; The AppId identifies the program across versions: never change it, or upgrades install
; side by side instead of over the old version.
AppId={{6C1E3F0A-2B7D-4E59-9A8C-3D5F1B2E7A40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=GWGK Desktop 项目
DefaultDirName={autopf}\GWGK Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Clerks often have no administrator rights: let them install for themselves.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=gwgk-desktop-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\gwgk-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole runtime folder, so no file of the old version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\gwgk-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; A check that the installed copy works on this PC, in a console window that stays open.
Filename: "{cmd}"; Parameters: "/k """"{app}\gwgk.exe"" self-test"""; Description: "运行自检（检查程序能否在本机正常工作）"; Flags: postinstall skipifsilent unchecked
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: postinstall skipifsilent nowait
