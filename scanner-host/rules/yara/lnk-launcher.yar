/*
  Moat starter rules: Windows shortcuts that launch a command interpreter.

  A .lnk file (MS-SHLLINK) normally opens a document or program on the same computer. Mailed
  shortcuts whose target or arguments start PowerShell, cmd, mshta or rundll32 run the attacker's
  commands the moment they are double-clicked.
  https://attack.mitre.org/techniques/T1204/002/
*/

rule Moat_LNK_Command_Launcher
{
  meta:
    description = "A Windows shortcut in this message starts a command interpreter (such as PowerShell or cmd) instead of opening a document; shortcuts like this are used to install malware."
    severity = "high"
    score = 10
    author = "Moat"
    reference = "https://attack.mitre.org/techniques/T1204/002/"

  strings:
    // MS-SHLLINK 2.1: HeaderSize 0x4C, then LinkCLSID 00021401-0000-0000-C000-000000000046.
    $link_clsid = { 01 14 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 }

    // Targets and arguments are stored as ANSI or UTF-16 strings.
    $launch_powershell = "powershell" ascii wide nocase
    $launch_pwsh = "pwsh.exe" ascii wide nocase
    $launch_cmd = "cmd.exe" ascii wide nocase
    $launch_cmd_switch = /cmd(\.exe)?["']?\s+\/[ckr]\s/ ascii wide nocase
    $launch_comspec = "%comspec%" ascii wide nocase
    $launch_mshta = "mshta" ascii wide nocase
    $launch_rundll32 = "rundll32" ascii wide nocase
    $launch_regsvr32 = "regsvr32" ascii wide nocase
    $launch_wscript = "wscript" ascii wide nocase
    $launch_cscript = "cscript" ascii wide nocase
    $launch_certutil = "certutil" ascii wide nocase
    $launch_bitsadmin = "bitsadmin" ascii wide nocase
    $launch_msiexec = "msiexec" ascii wide nocase
    $launch_conhost = "conhost" ascii wide nocase

  condition:
    uint32(0) == 0x0000004C and $link_clsid at 4 and filesize < 4MB and any of ($launch*)
}
