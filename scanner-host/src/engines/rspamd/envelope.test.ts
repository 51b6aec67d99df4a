import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../limits.ts'
import { parseMessage } from '../../message/parse-message.ts'
import { buildMessage, type TestMessage } from '../../testing/build-message.ts'
import { envelopeHeaders, rspamdEnvelope } from './envelope.ts'

async function envelopeOf(spec: TestMessage, receivedBy: string[] = []) {
  const message = await parseMessage(buildMessage(spec), DEFAULT_LIMITS)
  return { envelope: rspamdEnvelope(message, receivedBy), sha256: message.sha256 }
}

const DELIVERED = {
  'Return-Path': '<bounces+123@news.sender.example>',
  'Delivered-To': 'bob@corp.example',
  'X-Original-To': 'sales@corp.example',
  Received:
    'from out.sender.example (out.sender.example [198.51.100.4]) by mx.corp.example (Postfix) with ESMTPS id 4AbC',
}

describe('rspamdEnvelope', () => {
  it('recovers IP, reverse DNS name, HELO, MAIL FROM and RCPT TO from what the servers wrote', async () => {
    const { envelope, sha256 } = await envelopeOf({ headers: DELIVERED })
    expect(envelope).toEqual({
      ip: '198.51.100.4',
      hostname: 'out.sender.example',
      helo: 'out.sender.example',
      from: 'bounces+123@news.sender.example',
      rcpt: ['bob@corp.example', 'sales@corp.example'],
      deliverTo: 'bob@corp.example',
      queueId: `moat-${sha256.slice(0, 20)}`,
    })
  })

  it('turns them into Rspamd’s request headers, one Rcpt each, and never a User', async () => {
    const { envelope } = await envelopeOf({ headers: DELIVERED })
    const headers = envelopeHeaders(envelope)
    expect(headers).toMatchObject({
      IP: '198.51.100.4',
      Hostname: 'out.sender.example',
      Helo: 'out.sender.example',
      From: 'bounces+123@news.sender.example',
      Rcpt: ['bob@corp.example', 'sales@corp.example'],
      'Deliver-To': 'bob@corp.example',
    })
    expect(headers).not.toHaveProperty('User')
  })

  it('passes the null sender of a bounce as <>', async () => {
    const { envelope } = await envelopeOf({ headers: { 'Return-Path': '<>' } })
    expect(envelope.from).toBe('<>')
  })

  it('leaves out what the message does not say rather than guess', async () => {
    const { envelope } = await envelopeOf({})
    expect(envelope).toEqual({ rcpt: [], queueId: expect.stringMatching(/^moat-[0-9a-f]{20}$/) })
    expect(Object.keys(envelopeHeaders(envelope))).toEqual(['Queue-Id'])
  })

  it('drops addresses that are not plain printable ASCII, which HTTP headers cannot carry', async () => {
    const { envelope } = await envelopeOf({
      headers: { 'Return-Path': '<a b@example.com>', 'Delivered-To': 'x\u00e9@corp.example' },
    })
    expect(envelope.from).toBeUndefined()
    expect(envelope.rcpt).toEqual([])
  })

  it('with receivedBy, sends no IP when none of the organization’s servers wrote a hop', async () => {
    const { envelope } = await envelopeOf({ headers: DELIVERED }, ['other.example'])
    expect(envelope.ip).toBeUndefined()
    expect(envelope.helo).toBeUndefined()
  })
})
