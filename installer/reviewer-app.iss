; Inno Setup script: Windows installer around the PyInstaller one-folder bundle.
; Build the bundle on Windows first (installer\build.sh in Git Bash, or pyinstaller
; installer\reviewer-app.spec), then: iscc installer\reviewer-app.iss
; AppVersion, the executable and the icon must match pyproject.toml and reviewer-app.spec
; (tests/unit/test_installer_files.py checks them).
#define AppName "Expert Review Desk"
#define AppNameZh "专家评审工作台"
#define AppVersion "0.1.0"

[Setup]
AppId={{6C0E5B2A-3F8D-4A61-9C57-2E1D0B7A4F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Nanshan District Science, Technology and Innovation Bureau
DefaultDirName={autopf}\ExpertReviewDesk
DefaultGroupName={#AppName}
OutputDir=..\dist
OutputBaseFilename=ExpertReviewDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809 (build 17763) is the oldest Windows the app supports (Qt 6's floor).
MinVersion=10.0.17763
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\ExpertReviewDesk.exe

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\ExpertReviewDesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppNameZh}"; Filename: "{app}\ExpertReviewDesk.exe"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\ExpertReviewDesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"

[Registry]
; Double-clicking a review package opens it in the app.
Root: HKCU; Subkey: "Software\Classes\.revpkg"; ValueType: string; ValueData: "ExpertReviewDesk.Package"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\ExpertReviewDesk.Package\shell\open\command"; ValueType: string; ValueData: """{app}\ExpertReviewDesk.exe"" ""%1"""; Flags: uninsdeletekey
