/** The text a reader sees in a message (text part, or the text of its HTML), with its links and markup. */
import { htmlText } from '../engines/bayes/html-text.ts'
import { textUrls } from '../engines/bayes/url-tokens.ts'
import type { ParsedMessage } from '../message/parsed-message.ts'

export interface VisibleText {
  /** The text part's text (its HTML text when it is HTML in all but name). */
  text: string
  /** The HTML part's text, or '' without one. */
  htmlText: string
  /** Link and image targets of both, in order. */
  urls: string[]
  /** Element names and colours of the markup (see html-text.ts). */
  tags: Set<string>
}

export interface VisibleTextLimits {
  maxTextChars: number
  maxHtmlChars: number
  maxUrls: number
}

/** Tags that make a text part HTML in all but name, looked for in its first LOOKS_HTML_CHARS. */
const LOOKS_HTML = /<(?:html|body|table|div|font|p|br|a|img)[\s>/]/i
const LOOKS_HTML_CHARS = 4096

/**
 * The same reading as the Bayes tokenizer's (tokenize.ts), kept here so the model's feature
 * contract does not change when the Bayes filter's does: a text part that is HTML in all but name
 * is read as HTML; the HTML part adds its text, links and markup.
 */
export function visibleText(message: ParsedMessage, limits: VisibleTextLimits): VisibleText {
  const plain = message.text ? message.text.slice(0, limits.maxTextChars) : ''
  const textHtml = LOOKS_HTML.test(plain.slice(0, LOOKS_HTML_CHARS))
    ? htmlText(plain, plain.length, limits.maxUrls)
    : null
  const text = textHtml?.text ?? plain
  const urls = textHtml?.urls ?? textUrls(text, limits.maxUrls)
  const html = message.html
    ? htmlText(
        message.html.slice(0, limits.maxHtmlChars),
        limits.maxTextChars - text.length,
        limits.maxUrls - urls.length,
      )
    : null
  return {
    text,
    htmlText: html?.text ?? '',
    urls: [...urls, ...(html?.urls ?? [])],
    tags: new Set([...(textHtml?.tags ?? []), ...(html?.tags ?? [])]),
  }
}
