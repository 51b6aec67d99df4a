/** Colour values (CSS and legacy HTML attributes) parsed to RGBA, so `#fff`, `white` and rgb() compare equal. */
import { NAMED_COLORS } from './named-colors.ts'

export interface Rgba {
  r: number
  g: number
  b: number
  /** 0 (transparent) to 1 (opaque). */
  a: number
}

/**
 * Colours closer than this (sum of channel differences) count as the same: spammers write
 * `#fefefe` on white precisely because an exact comparison would catch `#ffffff`.
 */
const SAME_COLOR_DISTANCE = 24

/** Parses a CSS colour value; null when it is not one (keywords like `inherit`, gradients, garbage). */
export function parseColor(value: string): Rgba | null {
  const v = value.trim().toLowerCase()
  if (v.length === 0 || v.length > 64) return null
  if (v.charCodeAt(0) === 0x23) return parseHex(v.slice(1))
  if (v.startsWith('rgb')) return parseRgb(v)
  if (v.startsWith('hsl')) return parseHsl(v)
  if (v === 'transparent') return { r: 0, g: 0, b: 0, a: 0 }
  const named = NAMED_COLORS.get(v)
  return named === undefined ? null : { r: named >> 16, g: (named >> 8) & 0xff, b: named & 0xff, a: 1 }
}

/** `color` and `bgcolor` attributes also take hex without '#' (HTML legacy colour parsing). */
export function parseLegacyColor(value: string): Rgba | null {
  const v = value.trim()
  if (/^(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(v)) return parseHex(v.toLowerCase())
  return parseColor(v)
}

/** True when both colours are opaque and look the same to a reader. */
export function sameColor(x: Rgba, y: Rgba): boolean {
  if (x.a < 1 || y.a < 1) return false
  return Math.abs(x.r - y.r) + Math.abs(x.g - y.g) + Math.abs(x.b - y.b) <= SAME_COLOR_DISTANCE
}

function parseHex(hex: string): Rgba | null {
  if (!/^[0-9a-f]+$/.test(hex)) return null
  const n = hex.length
  if (n === 3 || n === 4) {
    const d = (i: number) => parseInt(hex[i]! + hex[i]!, 16)
    return { r: d(0), g: d(1), b: d(2), a: n === 4 ? d(3) / 255 : 1 }
  }
  if (n === 6 || n === 8) {
    const d = (i: number) => parseInt(hex.slice(i, i + 2), 16)
    return { r: d(0), g: d(2), b: d(4), a: n === 8 ? d(6) / 255 : 1 }
  }
  return null
}

/** The arguments of `fn(a, b, c)` or `fn(a b c / d)`, or null when malformed. */
function functionArgs(v: string): string[] | null {
  const open = v.indexOf('(')
  const close = v.lastIndexOf(')')
  if (open < 0 || close < open) return null
  const args = v
    .slice(open + 1, close)
    .split(/[\s,/]+/)
    .filter((a) => a.length > 0)
  return args.length === 3 || args.length === 4 ? args : null
}

/** A number or percentage scaled so that 100% = `full`; NaN when unreadable. */
function component(arg: string, full: number): number {
  const n = parseFloat(arg)
  return arg.endsWith('%') ? (n / 100) * full : n
}

function alpha(arg: string | undefined): number {
  if (arg === undefined) return 1
  const a = component(arg, 1)
  return Number.isNaN(a) ? 1 : Math.min(1, Math.max(0, a))
}

function parseRgb(v: string): Rgba | null {
  const args = functionArgs(v)
  if (!args) return null
  const [r, g, b] = args.slice(0, 3).map((a) => Math.round(Math.min(255, Math.max(0, component(a, 255)))))
  if (r === undefined || g === undefined || b === undefined || [r, g, b].some(Number.isNaN)) return null
  return { r, g, b, a: alpha(args[3]) }
}

function parseHsl(v: string): Rgba | null {
  const args = functionArgs(v)
  if (!args) return null
  const h = (((parseFloat(args[0]!) % 360) + 360) % 360) / 360
  const s = Math.min(1, Math.max(0, parseFloat(args[1]!) / 100))
  const l = Math.min(1, Math.max(0, parseFloat(args[2]!) / 100))
  if ([h, s, l].some(Number.isNaN)) return null
  // The CSS Color 4 hsl-to-rgb algorithm.
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s
  const p = 2 * l - q
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t
    const c = u < 1 / 6 ? p + (q - p) * 6 * u : u < 1 / 2 ? q : u < 2 / 3 ? p + (q - p) * (2 / 3 - u) * 6 : p
    return Math.round(c * 255)
  }
  return { r: channel(h + 1 / 3), g: channel(h), b: channel(h - 1 / 3), a: alpha(args[3]) }
}
