/** Forms: where a form would send what the reader types, and whether it asks for a password. */
import { hostOf, javascriptUrlCode } from './scripts.ts'

/**
 * `external`: posts to an absolute URL (a form in mail has no site of its own, so any absolute
 * action is elsewhere). `script`: javascript: action. `none`: no action, or a relative one that
 * goes nowhere real, so only script could use what is typed.
 */
export type FormTarget = 'external' | 'script' | 'none'

export interface FormReport {
  target: FormTarget
  /** Host of the action for `external`, empty otherwise. */
  host: string
  inputTypes: string[]
  asksPassword: boolean
  asksEmail: boolean
}

interface OpenForm {
  target: FormTarget
  host: string
  inputs: Set<string>
  asksPassword: boolean
  asksEmail: boolean
}

const MAX_FORMS = 20
const EMAIL_HINT = /mail|user|login|account/i

export class FormTracker {
  private current: OpenForm | null = null
  /** Fields outside any form; reported when they include a password, which only script can collect. */
  private loose: OpenForm | null = null
  private readonly reported: FormReport[] = []

  element(tag: string, attribs: Record<string, string>): void {
    if (tag === 'form') {
      this.finish()
      this.current = { ...classifyAction(attribs['action']), inputs: new Set(), asksPassword: false, asksEmail: false }
      return
    }
    if (tag !== 'input' && tag !== 'textarea' && tag !== 'select' && tag !== 'button') return
    const type = tag === 'input' ? (attribs['type'] ?? 'text').trim().toLowerCase() || 'text' : tag
    const form = this.current ?? (this.loose ??= newLooseForm())
    if (form.inputs.size < 20) form.inputs.add(type)
    if (type === 'password') form.asksPassword = true
    const hints = `${attribs['name'] ?? ''} ${attribs['id'] ?? ''} ${attribs['placeholder'] ?? ''} ${attribs['autocomplete'] ?? ''}`
    if (type === 'email' || (tag === 'input' && type === 'text' && EMAIL_HINT.test(hints))) form.asksEmail = true
    // A submit button's formaction overrides the form's action.
    const override = attribs['formaction']
    if (override !== undefined && form.target !== 'external') {
      const target = classifyAction(override)
      if (target.target !== 'none') Object.assign(form, target)
    }
  }

  close(tag: string): void {
    if (tag === 'form') this.finish()
  }

  report(): FormReport[] {
    this.finish()
    if (this.loose) {
      this.record(this.loose)
      this.loose = null
    }
    return this.reported
  }

  private finish(): void {
    if (this.current) this.record(this.current)
    this.current = null
  }

  private record(form: OpenForm): void {
    // A form without an external action only matters when it collects a password for script to send.
    if (form.target !== 'external' && !form.asksPassword) return
    if (this.reported.length >= MAX_FORMS) return
    this.reported.push({
      target: form.target,
      host: form.host,
      inputTypes: [...form.inputs].sort(),
      asksPassword: form.asksPassword,
      asksEmail: form.asksEmail,
    })
  }
}

function newLooseForm(): OpenForm {
  return { target: 'none', host: '', inputs: new Set(), asksPassword: false, asksEmail: false }
}

function classifyAction(action: string | undefined): { target: FormTarget; host: string } {
  const value = (action ?? '').replace(/[\t\n\r]/g, '').trim()
  if (value === '' || value.startsWith('#')) return { target: 'none', host: '' }
  if (javascriptUrlCode(value) !== null) return { target: 'script', host: '' }
  if (value.startsWith('//')) return { target: 'external', host: hostOf(value) }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase()
  if (scheme === undefined) return { target: 'none', host: '' }
  // mailto: forms hand the text to the reader's own mail program, which shows it before sending.
  if (scheme === 'mailto') return { target: 'none', host: '' }
  return { target: 'external', host: scheme === 'http' || scheme === 'https' ? hostOf(value) : `${scheme}:` }
}
