import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { buildMessage, type TestMessage } from '../../testing/build-message.ts'
import { normaliseBody } from './normalise-body.ts'
import { normaliseUrl } from './normalise-url.ts'

const normalised = async (spec: TestMessage) =>
  normaliseBody(await parseMessage(buildMessage(spec), DEFAULT_LIMITS), 10_000)

describe('normaliseUrl', () => {
  it('drops the scheme, tracking parameters, query values and token-like path segments', () => {
    expect(normaliseUrl('HTTPS://Shop.Example/c/a8Fk29QxLm03/offer?utm_source=x&id=991&gclid=abc&fbclid=z#top')).toBe(
      'shop.example/c/*/offer?id',
    )
    expect(normaliseUrl('http://shop.example/order/12345678')).toBe('shop.example/order/*')
    expect(normaliseUrl('https://shop.example/summer-sale')).toBe('shop.example/summer-sale')
  })
})

describe('normaliseBody', () => {
  it('lower-cases text and HTML text, and leaves out image sources, styles and scripts', async () => {
    const body = await normalised({
      text: 'Big SALE today',
      html:
        '<style>p{color:red}</style><p style="font-size:30px">Big <b>SALE</b></p>' +
        '<img src="https://cdn.example/x/7f3a9b2c1d4e.png"><script>track()</script>',
    })
    expect(body).toBe('big sale today big sale [img]')
  })

  it('removes long hex and digit runs, the salutation, and the recipients’ names and addresses', async () => {
    const body = await normalised({
      to: 'Laura Bennett <laura.bennett@northwind.com>',
      text: 'Dear Laura Bennett,\nYour order 88123456 (ref 9f8e7d6c5b4a) ships today, Laura. Write to laura.bennett@northwind.com.',
    })
    expect(body).toBe('your order (ref ) ships today, . write to @northwind.com.')
  })

  it('keeps words that merely contain a recipient name', async () => {
    const body = await normalised({ to: 'Ann Lee <ann@example.com>', text: 'Hi Ann! An announcement for Ann.' })
    expect(body).toBe('an announcement for .')
  })

  it('writes links as their constant parts, in text and in HTML', async () => {
    const body = await normalised({
      text: 'Pay now: https://pay.example/r/Qz71mKp0Xc4TbW9s?utm_medium=email',
      html: '<a href="https://pay.example/r/Vd5nH8eJr2Lq6Ws0?utm_medium=email">Pay now</a>',
    })
    expect(body).toBe('pay now: pay.example/r/* pay.example/r/* pay now')
  })

  it('stays bounded on hostile HTML', async () => {
    const html = '<div>'.repeat(200_000) + 'deep text'
    const started = performance.now()
    const body = await normalised({ html })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(body.length).toBeLessThanOrEqual(10_000)
  })
})
