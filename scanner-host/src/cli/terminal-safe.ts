/** Makes sender-chosen text safe to print on a terminal: no escape sequences, no bidi overrides. */

/**
 * C0 and C1 control characters (ECMA-48: ESC starts colour and cursor sequences, CSI is U+009B)
 * and the Unicode bidirectional controls (UAX #9) that can reorder what a line shows.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** `"\x1b[2Jhi"` -> `"\\x1b[2Jhi"`: the character stays visible as an escape, never acts. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
}
