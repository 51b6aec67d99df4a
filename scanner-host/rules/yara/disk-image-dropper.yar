/*
  Moat starter rules: disk images that carry a launcher.

  Windows opens ISO, IMG and UDF images like folders, and files inside them used to escape the
  "downloaded from the internet" warning (Mark of the Web). Malware campaigns mail an image holding
  a shortcut, program or script; ordinary mail almost never carries a disk image at all.
  https://attack.mitre.org/techniques/T1553/005/
*/

rule Moat_Disk_Image_With_Launcher
{
  meta:
    description = "A disk image (ISO or IMG file) in this message holds a shortcut, program or script; images like this are used to get malware past Windows' safety warnings."
    severity = "high"
    score = 10
    author = "Moat"
    reference = "https://attack.mitre.org/techniques/T1553/005/"

  strings:
    // ECMA-119 (ISO 9660) volume descriptors, and ECMA-167 (UDF) volume recognition sequence.
    $iso9660 = "CD001"
    $udf_begin = "BEA01"
    $udf_nsr2 = "NSR02"
    $udf_nsr3 = "NSR03"

    // Contents stored raw inside the image: a shell link header, a PE program's DOS stub.
    $lnk = { 4C 00 00 00 01 14 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 }
    $pe1 = "This program cannot be run in DOS mode"
    $pe2 = "This program must be run under Win32"

    // Launcher names: ISO 9660 records end in ";1"; Joliet names are UTF-16 big-endian.
    $name_iso = /\.(lnk|exe|scr|com|pif|bat|cmd|vbs|vbe|js|jse|wsf|wsh|hta|ps1|dll|cpl|msi|chm);1/ nocase
    $name_joliet = /\x00\.\x00(l\x00n\x00k|e\x00x\x00e|s\x00c\x00r|b\x00a\x00t|c\x00m\x00d|v\x00b\x00s|v\x00b\x00e|j\x00s|j\x00s\x00e|w\x00s\x00f|h\x00t\x00a|p\x00s\x001|d\x00l\x00l|c\x00p\x00l|m\x00s\x00i)\x00[;\x00]/ nocase
    // FAT directory entries: eight-character name and three-character extension without the dot, then
    // the attribute byte (archive, read-only, hidden, system) and the reserved (case) byte.
    $name_fat = /(LNK|EXE|SCR|PIF|BAT|CMD|VBS|VBE|JS |JSE|WSF|HTA|PS1|DLL|CPL|MSI)[\x01-\x07\x20-\x27][\x00\x08\x10\x18]/

  condition:
    filesize > 32KB
    and (
      (
        (($iso9660 at 0x8001) or (($udf_begin at 0x8001) and ($udf_nsr2 or $udf_nsr3)))
        and ($lnk or any of ($pe*) or $name_iso or $name_joliet)
      )
      or (
        // A raw FAT volume (.img): boot sector signature and a FAT type label ("FAT1x" or "FAT32").
        uint16(510) == 0xAA55 and (uint32be(0x36) == 0x46415431 or uint32be(0x52) == 0x46415433)
        and ($lnk or any of ($pe*) or $name_fat)
      )
    )
}
