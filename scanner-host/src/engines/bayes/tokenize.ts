/** tokenize: a message -> the distinct tokens the Bayes filter counts (headers, body words, URL hosts). */
import type { ParsedMessage } from '../../message/parsed-message.ts'
import type { BayesConfig } from './config.ts'
import { addHeaderTokens } from './header-tokens.ts'
import { addMimeTokens } from './mime-tokens.ts'
import { htmlText } from './html-text.ts'
import { TokenBag } from './token-bag.ts'
import { addUrlTokens, textUrls } from './url-tokens.ts'
import { addWords } from './words.ts'

/** URLs read per message; link farms carry thousands, a few dozen say what they are. */
const MAX_URLS = 100
/** Attachments whose declared type is counted. */
const MAX_ATTACHMENTS = 20
/** Tags that make a text part HTML in all but name, looked for in its first LOOKS_HTML_CHARS. */
const LOOKS_HTML = /<(?:html|body|table|div|font|p|br|a|img)[\s>/]/i
const LOOKS_HTML_CHARS = 4096

/**
 * The message's tokens, each once, at most `config.maxTokens`: header, MIME, attachment, markup
 * and URL tokens first (they are few and telling), then the words of the text part and of the
 * HTML part's text.
 * Work is bounded by the caps on text read, HTML parsed and tokens kept, whatever the input.
 *
 * @example
 * tokenize(message, DEFAULT_BAYES_CONFIG) // ['subject:invoice', 'from:@example.org', 'payment', 'url:example.org', ...]
 */
export function tokenize(message: ParsedMessage, config: BayesConfig): string[] {
  const bag = new TokenBag(config.maxTokens)
  addHeaderTokens(message, bag, config)
  addMimeTokens(message.raw, bag)
  for (const attachment of message.attachments.slice(0, MAX_ATTACHMENTS)) {
    bag.add(`attachment:${attachment.declaredType.slice(0, 60)}`)
  }

  // Text parts that are HTML in all but name are read as HTML, as SpamBayes strips tags from any
  // text: otherwise `<font` and `cellpadding` become words that only spam has.
  const plain = message.text ? message.text.slice(0, config.maxTextChars) : ''
  const textHtml = LOOKS_HTML.test(plain.slice(0, LOOKS_HTML_CHARS)) ? htmlText(plain, plain.length, MAX_URLS) : null
  const text = textHtml?.text ?? plain
  const urls = textHtml?.urls ?? textUrls(text, MAX_URLS)
  // A multipart/alternative text part usually says what the HTML says, and its words are already
  // in; the HTML still gives its links, its markup and the text of HTML-only mail.
  const html = message.html
    ? htmlText(message.html.slice(0, config.maxHtmlChars), config.maxTextChars - text.length, MAX_URLS - urls.length)
    : null
  for (const tag of new Set([...(textHtml?.tags ?? []), ...(html?.tags ?? [])])) bag.add(`html:${tag}`)
  addUrlTokens([...urls, ...(html?.urls ?? [])], bag)
  addWords(text, bag, config)
  if (html) addWords(html.text, bag, config)
  return [...bag.tokens]
}
