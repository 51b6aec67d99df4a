import { describe, expect, it } from 'vitest'
import { Base64Tally, SmugglingTracker } from './smuggling.ts'
import { base64Blob } from './test-samples.ts'

describe('Base64Tally', () => {
  it('follows a run across writes and line breaks, and ends it at other characters', () => {
    const tally = new Base64Tally()
    tally.feed('x ' + 'A'.repeat(100))
    tally.feed('B'.repeat(50) + '\r\n' + 'C'.repeat(50) + ' rest')
    tally.end()
    expect(tally.longest).toBe(200)
    expect(tally.total).toBe(200)
  })

  it('sums long pieces but not short words', () => {
    const tally = new Base64Tally()
    tally.feed(`"${'A'.repeat(70)}" + "${'B'.repeat(70)}" the quick brown fox`)
    tally.end()
    expect(tally.total).toBe(140)
    expect(tally.longest).toBe(70)
  })

  it('skips images and fonts inlined in script when asked', () => {
    const tally = new Base64Tally()
    tally.feed(`var logo = "data:image/png;base64,${'A'.repeat(500)}"; var f = "${'B'.repeat(80)}"`, true)
    tally.end()
    expect(tally.total).toBe(80)
  })
})

describe('SmugglingTracker', () => {
  it('ignores inline images but counts data: URIs a browser navigates to', () => {
    const blob = base64Blob(9000)
    const tracker = new SmugglingTracker(8192)
    tracker.element('img', { src: `data:image/png;base64,${blob}` })
    tracker.element('td', { style: `background:url(data:application/octet-stream;base64,${blob})` })
    expect(tracker.report().blobChars).toBe(0)
    tracker.element('iframe', { src: `data:text/html;base64,${blob}` })
    expect(tracker.report()).toMatchObject({ blobChars: blob.length, downloadDataUriChars: 0 })
  })

  it('collects markers from code, once each', () => {
    const tracker = new SmugglingTracker(8192)
    tracker.code('var x = atob(s); var y = atob(t); if (a.download == "x") {}')
    tracker.code('link.download="a.iso"; link.click()')
    expect(tracker.report().markers).toEqual(['atob', 'click()', 'download property'])
  })
})
