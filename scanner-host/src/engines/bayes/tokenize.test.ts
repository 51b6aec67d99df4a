import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { parseMessage } from '../../message/parse-message.ts'
import type { ParsedMessage } from '../../message/parsed-message.ts'
import { buildMessage, type TestMessage } from '../../testing/build-message.ts'
import { BayesConfigSchema, DEFAULT_BAYES_CONFIG, type BayesConfig } from './config.ts'
import { tokenize } from './tokenize.ts'

const parse = (spec: TestMessage | Buffer) =>
  parseMessage(Buffer.isBuffer(spec) ? spec : buildMessage(spec), DEFAULT_LIMITS)
const tokensOf = async (spec: TestMessage | Buffer, config: BayesConfig = DEFAULT_BAYES_CONFIG) =>
  tokenize(await parse(spec), config)

describe('tokenize', () => {
  describe('header tokens', () => {
    it('prefixes header words and addresses with their field', async () => {
      const tokens = await tokensOf({
        from: 'Lottery Office <Winner@Prize.Example>',
        to: 'Bob <bob@example.com>, carol@other.example',
        replyTo: 'claims@elsewhere.example',
        subject: 'You have WON a prize',
        headers: { 'X-Mailer': 'Mass Mailer 3.0', 'List-Id': 'Talk <talk.lists.example.org>', Precedence: 'bulk' },
        text: 'hello',
      })
      expect(tokens).toEqual(
        expect.arrayContaining([
          'subject:you',
          'subject:have',
          'subject:won',
          'subject:caps:won',
          'subject:prize',
          'from:lottery',
          'from:office',
          'from:winner@prize.example',
          'from:@prize.example',
          'reply-to:claims@elsewhere.example',
          'reply-to:@elsewhere.example',
          'to:@example.com',
          'to:@other.example',
          'to:count:2-4',
          'mailer:mass',
          'mailer:mailer',
          'list-id:talk.lists.example.org',
          'precedence:bulk',
          'header:x-mailer',
          'header:list-id',
          'message-id:@example.org',
          'content-type:text/plain',
          'charset:utf-8',
        ]),
      )
      // Header words are not body words: "prize" in the subject is not "prize" in the text.
      expect(tokens).not.toContain('prize')
    })

    it('leaves out what the receiving side adds: Received, Delivered-To, X-Spam-*', async () => {
      const tokens = await tokensOf({
        headers: {
          Received: 'from mx.recipient.example ([192.0.2.1]) by mail.recipient.example',
          'Delivered-To': 'me@recipient.example',
          'X-Spam-Status': 'Yes, score=20',
        },
        text: 'hello there',
      })
      expect(tokens.filter((t) => /received|delivered|x-spam|recipient/.test(t))).toEqual([])
    })

    it('reads the content type and charset of every part', async () => {
      const tokens = await tokensOf({ text: 'plain words', html: '<p>html words</p>' })
      expect(tokens).toEqual(
        expect.arrayContaining(['mime:multipart/alternative', 'mime:text/plain', 'mime:text/html', 'encoding:base64']),
      )
    })
  })

  describe('body words', () => {
    it('lower-cases words and keeps prices, addresses, host names and runs of "!"', async () => {
      const tokens = await tokensOf({
        text: 'Only $1,000.00 at shop.example.com!!! Write to sales@shop.example.com today',
      })
      expect(tokens).toEqual(
        expect.arrayContaining([
          'only',
          '$1,000.00',
          'shop.example.com',
          '!!!',
          'write',
          'sales@shop.example.com',
          'today',
        ]),
      )
    })

    it('skips short words and bare numbers, and folds long words into skip tokens', async () => {
      const tokens = await tokensOf({ text: 'an ox at 12345 and 2002-08-01 with aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ' })
      expect(tokens).toContain('and')
      expect(tokens).not.toContain('an')
      expect(tokens).not.toContain('ox')
      expect(tokens).not.toContain('12345')
      expect(tokens).not.toContain('2002-08-01')
      expect(tokens).toContain('skip:a30')
    })

    it('trims trailing apostrophes and dashes, and marks words written in capitals', async () => {
      const tokens = await tokensOf({ text: "'quoted' words- and FREE money, Free Stuff" })
      expect(tokens).toEqual(expect.arrayContaining(['quoted', 'words', 'free', 'caps:free', 'money', 'stuff']))
      expect(tokens).not.toContain('caps:stuff')
    })

    it('makes pairs of characters of Chinese and Japanese text, which has no spaces', async () => {
      const tokens = await tokensOf({ text: '最新台灣省工商名錄' })
      expect(tokens).toEqual(expect.arrayContaining(['最新', '新台', '台灣', '名錄']))
      expect(tokens).not.toContain('最新台灣省工商名錄')
    })

    it('adds 2-grams and 3-grams of body words only when asked', async () => {
      const spec = { subject: 'limited offer', text: 'click here now' }
      const plain = await tokensOf(spec)
      expect(plain.filter((t) => t.includes(' '))).toEqual([])
      const grams = await tokensOf(spec, BayesConfigSchema.parse({ twograms: true, threegrams: true }))
      expect(grams).toEqual(expect.arrayContaining(['click here', 'here now', 'click here now']))
      // Never across fields: the subject's words form no pairs.
      expect(grams).not.toContain('limited offer')
    })
  })

  describe('HTML', () => {
    it('reads the text a reader sees, not scripts or styles, and inline tags do not split words', async () => {
      const tokens = await tokensOf({
        html:
          '<html><head><style>.secret { color: red }</style><script>var tracker = 1</script></head>' +
          '<body><p>Cheap V<b></b>ia<!-- x -->gra</p><div>today</div><img src="https://img.example.net/a.gif" alt="Special offer"></body></html>',
      })
      expect(tokens).toEqual(expect.arrayContaining(['cheap', 'viagra', 'today', 'special', 'offer']))
      expect(tokens).not.toContain('secret')
      expect(tokens).not.toContain('tracker')
      expect(tokens).not.toContain('gratoday')
    })

    it('counts URL hosts, registered domains, element names and font colours', async () => {
      const tokens = await tokensOf({
        html: '<p><a href="https://Click.Tracker.Example.com/x?id=1">here</a> <font color="#FF0000">now</font> <a href="http://192.0.2.7/">ip</a></p>',
        text: 'or visit www.shop.example.org/deals',
      })
      expect(tokens).toEqual(
        expect.arrayContaining([
          'url:click.tracker.example.com',
          'url:example.com',
          'url:www.shop.example.org',
          'url:example.org',
          'url:ip',
          'html:font',
          'html:a',
          'html:color:#ff0000',
        ]),
      )
    })

    it('reads a text part that is HTML in all but name as HTML', async () => {
      const tokens = await tokensOf({
        text: '<html><body><table cellpadding="0"><tr><td>Great deal</td></tr></table></body></html>',
      })
      expect(tokens).toEqual(expect.arrayContaining(['great', 'deal', 'html:table']))
      expect(tokens).not.toContain('cellpadding')
    })
  })

  describe('bounds on hostile input', () => {
    it('reads a 5 MB single-line body quickly, within the token cap', async () => {
      const line = Array.from({ length: (5 * 1024 * 1024) / 8 }, (_, i) => `w${(i * 7919).toString(36)}x`).join(' ')
      const message = await parse({ text: line.slice(0, 5 * 1024 * 1024) })
      const started = performance.now()
      const tokens = tokenize(message, DEFAULT_BAYES_CONFIG)
      expect(performance.now() - started).toBeLessThan(500)
      expect(tokens.length).toBeLessThanOrEqual(DEFAULT_BAYES_CONFIG.maxTokens)
    })

    it('keeps at most maxTokens of 200,000 distinct words', async () => {
      const words = Array.from({ length: 200_000 }, (_, i) => `word${i.toString(36)}q`).join('\n')
      const message = await parse({ text: words })
      const started = performance.now()
      const tokens = tokenize(message, BayesConfigSchema.parse({ maxTextChars: 10_000_000 }))
      expect(performance.now() - started).toBeLessThan(500)
      expect(tokens).toHaveLength(DEFAULT_BAYES_CONFIG.maxTokens)
      expect(new Set(tokens).size).toBe(tokens.length)
    })

    it('reads deeply nested and huge HTML within its caps', async () => {
      const html = '<div>'.repeat(100_000) + 'deep words' + '</div>'.repeat(100_000) + '<p>more text</p>'.repeat(50_000)
      const message = await parse({ html })
      const started = performance.now()
      const tokens = tokenize(message, DEFAULT_BAYES_CONFIG)
      expect(performance.now() - started).toBeLessThan(1000)
      expect(tokens.length).toBeLessThanOrEqual(DEFAULT_BAYES_CONFIG.maxTokens)
    })

    it('gives the same tokens every time, so untraining takes back exactly what training added', async () => {
      const message: ParsedMessage = await parse({ subject: 'Same', text: 'one two three', html: '<p>four five</p>' })
      expect(tokenize(message, DEFAULT_BAYES_CONFIG)).toEqual(tokenize(message, DEFAULT_BAYES_CONFIG))
    })
  })
})
