/*
  Moat starter rules: OneNote notebooks used as malware lures.

  A .one section can embed any file behind a picture of a button ("Double click to view
  document"). Campaigns embed scripts, shortcuts or programs this way; ordinary notebooks embed
  pictures and documents. GUIDs from MS-ONESTORE 2.3.1 (file type) and 2.6.13 (FileDataStoreObject).
  https://attack.mitre.org/techniques/T1566/001/
*/

rule Moat_OneNote_Embedded_Launcher
{
  meta:
    description = "A OneNote notebook in this message hides an embedded file that can run programs, usually behind a 'double-click to view' button."
    severity = "high"
    score = 10
    author = "Moat"
    reference = "https://attack.mitre.org/techniques/T1566/001/"

  strings:
    // guidFileType of a .one section: {7B5C52E4-D88C-4DA7-AEB1-5378D02996D3}.
    $one_section = { E4 52 5C 7B 8C D8 A7 4D AE B1 53 78 D0 29 96 D3 }
    // FileDataStoreObject guidHeader {BDE316E7-2665-4511-A4C4-8D4D0B7A9EAC}: an embedded file.
    $embedded = { E7 16 E3 BD 65 26 11 45 A4 C4 8D 4D 0B 7A 9E AC }
    // The embedded file's data starts 36 bytes after its header GUID (size, unused, reserved).
    $payload_pe = { E7 16 E3 BD 65 26 11 45 A4 C4 8D 4D 0B 7A 9E AC [20] 4D 5A }
    $payload_lnk = { E7 16 E3 BD 65 26 11 45 A4 C4 8D 4D 0B 7A 9E AC [20] 4C 00 00 00 01 14 02 00 }
    $payload_chm = { E7 16 E3 BD 65 26 11 45 A4 C4 8D 4D 0B 7A 9E AC [20] 49 54 53 46 }

    // Scripts are stored as plain text inside the notebook.
    $script_hta = "<HTA:APPLICATION" nocase
    $script_shell = "WScript.Shell" nocase
    $script_powershell = "powershell" nocase
    $script_batch = "@echo off" nocase
    $script_cmd = /cmd(\.exe)?\s+\/[ck]\s/ nocase
    $script_mshta = "mshta" nocase

    // The lure on the page, stored as UTF-16 text.
    $lure = /double[- ]?click(ing)?( here| below| the (icon|button|file))? to (view|open|see|unlock|display|access)/ ascii wide nocase

  condition:
    $one_section at 0 and filesize < 50MB and $embedded
    and (any of ($payload*) or any of ($script*) or $lure)
}
