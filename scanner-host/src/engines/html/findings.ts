/** Turns what one document scan saw into findings, each with a sentence a mailbox owner understands. */
import { FINDING_CODES, type Finding, type FindingCode } from '@moat/contract'
import type { HtmlConfig } from './config.ts'
import type { HtmlDocument } from './documents.ts'
import type { FormReport } from './forms.ts'
import type { DocumentReport } from './scan-document.ts'

type Evidence = Finding['evidence']

export function documentFindings(report: DocumentReport, doc: HtmlDocument, config: HtmlConfig): Finding[] {
  const findings: Finding[] = []
  const smuggling = smugglingFinding(report, doc, config)
  if (smuggling) findings.push(smuggling)
  const hidden = report.hiddenText
  if (hidden && hidden.countedChars >= config.hiddenTextMinChars) {
    findings.push(
      finding(
        'HTML_HIDDEN_TEXT',
        'Part of this message is written in invisible text, a trick used to fool spam filters.',
        {
          where: doc.where,
          hiddenCharacters: hidden.hiddenChars,
          techniques: hidden.techniques,
          sample: hidden.sample,
        },
      ),
    )
  }
  if (report.forms.length > 0) findings.push(formFinding(report.forms, doc))
  const { scripts, eventHandlers, javascriptUrls } = report.scripts
  if (scripts + eventHandlers + javascriptUrls > 0) {
    const counts = [
      plural(scripts, 'script'),
      plural(eventHandlers, 'event handler'),
      plural(javascriptUrls, 'script link'),
    ]
    const what = counts.filter((c) => c !== '').join(', ')
    const text = doc.attachmentName
      ? `The attached page ${shortName(doc)} runs script code when opened (${what}).`
      : `This message contains script code (${what}), which mail programs block and legitimate mail rarely needs.`
    findings.push(
      finding('HTML_SCRIPT', text, {
        where: doc.where,
        scripts,
        eventHandlers,
        javascriptUrls,
        handlerNames: report.scripts.handlerNames,
        scriptHosts: report.scripts.scriptHosts,
      }),
    )
  }
  return findings
}

function smugglingFinding(report: DocumentReport, doc: HtmlDocument, config: HtmlConfig): Finding | null {
  const { blobChars, downloadDataUriChars, markers } = report.smuggling
  const downloadLink = downloadDataUriChars >= config.smugglingMinBlobChars
  const builtFile = blobChars >= config.smugglingMinBlobChars && markers.length >= config.smugglingMinMarkers
  if (!downloadLink && !builtFile) return null
  const text = doc.attachmentName
    ? `The attached page ${shortName(doc)} hides a file that your browser would put together and save when the page is opened (HTML smuggling), a way to slip malware past filters.`
    : 'This message hides a file that your browser would put together and save when the message is opened (HTML smuggling), a way to slip malware past filters.'
  return finding('HTML_SMUGGLING', text, {
    where: doc.where,
    blobCharacters: Math.max(blobChars, downloadDataUriChars),
    markers,
    markerCount: markers.length,
    downloadLink,
  })
}

function formFinding(forms: FormReport[], doc: HtmlDocument): Finding {
  const hosts = [...new Set(forms.filter((f) => f.target === 'external').map((f) => f.host))]
  const inputTypes = [...new Set(forms.flatMap((f) => f.inputTypes))].sort()
  const asksPassword = forms.some((f) => f.asksPassword)
  const asksEmail = forms.some((f) => f.asksEmail)
  const subject = doc.attachmentName ? `The attached page ${shortName(doc)}` : 'This message'
  const what = asksPassword ? ', including a password,' : asksEmail ? ', including your email address,' : ''
  const text =
    hosts.length > 0
      ? `${subject} contains a form that would send what you type${what} to ${hosts.slice(0, 3).join(', ')}.`
      : `${subject} asks for a password in a form that hidden script code would send away.`
  const code = asksPassword ? 'HTML_FORM_CREDENTIALS' : 'HTML_FORM_EXTERNAL'
  const result = finding(code, asksPassword ? `${text} Never enter your password there.` : text, {
    where: doc.where,
    forms: forms.length,
    actionHosts: hosts,
    inputTypes,
    asksPassword,
    asksEmail,
  })
  // Newsletters carry search boxes, polls and sign-up forms posting to their own site (85 of the 250
  // hard-ham messages of the SpamAssassin corpus): a form asking for an address weighs a little more.
  if (!asksPassword && asksEmail) result.severity = 'medium'
  return result
}

/** Texts quote sender-chosen names and hosts; the cut keeps them within the contract's 500 characters. */
function finding(code: FindingCode, text: string, evidence: Evidence): Finding {
  return {
    code,
    severity: FINDING_CODES[code].severity,
    text: text.length > 500 ? `${text.slice(0, 497)}...` : text,
    evidence,
  }
}

/** Attachment names are sender-chosen: keep sentences within the finding text limit. */
function shortName(doc: HtmlDocument): string {
  const name = doc.attachmentName ?? ''
  return name.length > 80 ? `${name.slice(0, 77)}...` : name
}

function plural(n: number, noun: string): string {
  return n === 0 ? '' : `${n} ${noun}${n === 1 ? '' : 's'}`
}
