/*
  Moat starter rules: Office documents with macros.

  Macros run programs inside Word or Excel; procedures named AutoOpen, Document_Open or
  Workbook_Open run the moment the document is opened and its content enabled, which is how macro
  malware starts. In a Word 97-2003 file (MS-CFB) the VBA project's identifiers are stored as plain
  text; in an Office Open XML package the VBA project is a compressed vbaProject.bin part.
  https://attack.mitre.org/techniques/T1204/002/
*/

rule Moat_Office_Macro_AutoOpen
{
  meta:
    description = "An Office document in this message contains macros that run by themselves as soon as it is opened, the usual way macro malware starts."
    severity = "high"
    score = 8
    author = "Moat"
    reference = "https://attack.mitre.org/techniques/T1204/002/"

  strings:
    // The VBA project's stream name in the compound file directory (UTF-16).
    $vba_project = "_VBA_PROJECT" wide
    // Procedures Word and Excel run on open (or close) without being asked.
    $auto_open1 = "AutoOpen" nocase
    $auto_open2 = "Auto_Open" nocase
    $auto_open3 = "Document_Open" nocase
    $auto_open4 = "Workbook_Open" nocase
    $auto_open5 = "AutoExec" nocase
    $auto_open6 = "AutoClose" nocase
    $auto_open7 = "Auto_Close" nocase
    $auto_open8 = "Document_Close" nocase
    $auto_open9 = "Workbook_BeforeClose" nocase

  condition:
    // MS-CFB header signature D0 CF 11 E0 A1 B1 1A E1.
    uint32be(0) == 0xD0CF11E0 and uint32be(4) == 0xA1B11AE1 and $vba_project and any of ($auto_open*)
}

rule Moat_Office_OOXML_Macros
{
  meta:
    description = "An Office document in this message contains macros, small programs that run inside Word or Excel; documents from outside rarely need them."
    severity = "medium"
    score = 3
    author = "Moat"
    reference = "https://attack.mitre.org/techniques/T1204/002/"

  strings:
    $content_types = "[Content_Types].xml"
    // Part names are stored uncompressed in the zip's local and central headers.
    $vba_part = "vbaProject.bin" nocase

  condition:
    uint32(0) == 0x04034B50 and $content_types and $vba_part
}
