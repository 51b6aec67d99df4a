/*
  Moat starter rules: credential-harvest forms.

  Phishing mail carries a fake sign-in page (as the body or as an .htm attachment, so no link has
  to be clicked) whose form sends what is typed to the attacker's server, directly or by script.
  Real services never ask for a password inside a message.
  https://attack.mitre.org/techniques/T1566/001/
*/

rule Moat_Credential_Harvest_Form
{
  meta:
    description = "This message contains a sign-in form that sends the password you type to a web site; real services never ask you to sign in inside an email or attachment."
    severity = "high"
    score = 7
    author = "Moat"
    reference = "https://attack.mitre.org/techniques/T1566/001/"

  strings:
    $password_input = /<input[^>]{0,300}type\s*=\s*["']?password/ nocase

    // Where the typed text goes: a form posting to a full web address...
    $send_form = /<form[^>]{0,500}action\s*=\s*["']?\s*https?:\/\// nocase
    // ...or a script that posts it (phishing kits favour jQuery, fetch and Telegram bots).
    $send_ajax = /\$\.(ajax|post)\s*\(/
    $send_fetch = /fetch\s*\(\s*["'`]https?:\/\// nocase
    $send_xhr = /\.open\s*\(\s*["']POST["']\s*,\s*["']https?:\/\// nocase
    $send_telegram = "api.telegram.org" nocase

    // What the page claims to be.
    $claim_verify = /(verify|confirm|validate|update|re-?enter) your (account|identity|password|email|mailbox|information|details)/ nocase
    $claim_expired = /(session|password|mailbox|account) (has )?expired/ nocase
    $claim_suspended = /(mailbox|account) (has been |will be |is )?(suspended|locked|disabled|deactivated)/ nocase
    $claim_signin = /(sign|log)[ -]?in to (view|access|continue|open|download|read)/ nocase
    $brand1 = "Microsoft" nocase
    $brand2 = "Office 365" nocase
    $brand3 = "Outlook" nocase
    $brand4 = "OneDrive" nocase
    $brand5 = "SharePoint" nocase
    $brand6 = "Adobe" nocase
    $brand7 = "DocuSign" nocase
    $brand8 = "Dropbox" nocase
    $brand9 = "PayPal" nocase
    $brand10 = "webmail" nocase
    $brand11 = "Apple ID" nocase

  condition:
    filesize < 10MB and $password_input and any of ($send*) and (any of ($claim*) or any of ($brand*))
}
