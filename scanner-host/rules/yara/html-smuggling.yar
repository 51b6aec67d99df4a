/*
  Moat starter rules: HTML smuggling.

  A web page that carries a whole file inside itself (base64 text or a byte array) and hands it to
  the browser as a download. The file never crosses the mail gateway as an attachment, so filters
  that look at attachments never see it. Scanned on HTML attachments and decoded HTML bodies.
  https://attack.mitre.org/techniques/T1027/006/
*/

rule Moat_HTML_Smuggling_Blob_Download
{
  meta:
    description = "A web page in this message builds a file inside your browser and saves it to your computer, a trick used to slip malware past mail filters."
    severity = "high"
    score = 10
    author = "Moat"
    reference = "https://attack.mitre.org/techniques/T1027/006/"

  strings:
    $script = "<script" nocase
    // The file is assembled in memory as a Blob...
    $blob = /new\s+Blob\s*\(/
    // ...then saved, either by the old Internet Explorer call or by a hidden download link.
    $save_ie1 = "msSaveOrOpenBlob"
    $save_ie2 = "msSaveBlob"
    $object_url = "createObjectURL"
    $link_download1 = /\.download\s*=/
    $link_download2 = /setAttribute\s*\(\s*["']download["']/ nocase
    $link_download3 = /\sdownload\s*=\s*["'][^"']{1,200}["']/ nocase
    // The payload is decoded from text inside the page.
    $decode1 = "atob(" nocase
    $decode2 = "Uint8Array"
    $decode3 = "charCodeAt"
    $decode4 = "fromCharCode"

  condition:
    $script and $blob
    and ($save_ie1 or $save_ie2 or ($object_url and any of ($link_download*)))
    and any of ($decode*)
}

rule Moat_HTML_Smuggling_Data_URI_Download
{
  meta:
    description = "A web page in this message carries a whole file inside a link and offers it as a download, a trick used to slip malware past mail filters."
    severity = "high"
    score = 10
    author = "Moat"
    reference = "https://attack.mitre.org/techniques/T1027/006/"

  strings:
    // A program, archive or disk image written out as base64 text inside the page itself.
    $data_uri = /data:application\/[a-z0-9.+\-]{1,80};base64,[A-Za-z0-9+\/]{256}/ nocase
    $download_attribute = /\sdownload\s*=\s*["'][^"']{1,200}["']/ nocase
    $download_property = /\.download\s*=/
    $download_attr = /setAttribute\s*\(\s*["']download["']/ nocase

  condition:
    $data_uri and any of ($download*)
}
