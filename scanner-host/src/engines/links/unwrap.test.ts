import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeProofpointV3 } from './proofpoint.ts'
import { percentDecode } from './percent.ts'
import { unwrapOnce } from './unwrap.ts'

function unwrap(raw: string) {
  return unwrapOnce(new URL(raw), raw)
}

describe('unwrapOnce', () => {
  it('undoes Microsoft Safe Links', () => {
    const raw =
      'https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2Finvoice%3Fid%3D42&data=05%7C02%7Cbob%40example.org%7C1c2b3a4d5e6f47a8b9c0d1e2f3a4b5c6%7C72f988bf86f141af91ab2d7cd011db47%7C0%7C0%7C638400000000000000%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAiLCJQIjoiV2luMzIiLCJBTiI6Ik1haWwiLCJXVCI6Mn0%3D%7C0%7C%7C%7C&sdata=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2BabcdE%3D&reserved=0'
    expect(unwrap(raw)).toEqual({ gateway: 'Microsoft Safe Links', target: 'https://www.example.com/invoice?id=42' })
  })

  it('undoes Proofpoint URL Defense v2 (- for %, _ for /)', () => {
    const raw =
      'https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_path_page.html-3Fid-3D1-26x-3Dy&d=DwMFaQ&c=euGZstcaTDllvimEN8b7jXrwqOf-v5A_CdpgnVfiiMM&r=4HBvV9tJcR5mNh1YqX2s0Q&m=kH3aZ2&s=pQ9_bN1&e='
    expect(unwrap(raw)).toEqual({
      gateway: 'Proofpoint URL Defense',
      target: 'https://www.example.com/path/page.html?id=1&x=y',
    })
  })

  it('undoes Proofpoint URL Defense v1', () => {
    const raw =
      'https://urldefense.proofpoint.com/v1/url?u=http%3A%2F%2Fwww.example.org%2Freport&k=oIvRg1%2BdGAgOoM1BIlLLqw%3D%3D%0A&r=abc&m=def&s=ghi'
    expect(unwrap(raw)?.target).toBe('http://www.example.org/report')
  })

  it('undoes Proofpoint URL Defense v3, including * substitutions', () => {
    const raw =
      'https://urldefense.com/v3/__https://google.com:443/search?q=a*test&gs=ps__;Kw!!-612Flbf0JvQ3kNJkRi5Jg!Ue6tQudNKaShHg93trcdjqDP8se2ySE65jyCIe2K1D_uNjZ1Lnf6YLQERujngZv9UWf66ujQIQ$'
    expect(unwrap(raw)).toEqual({
      gateway: 'Proofpoint URL Defense',
      target: 'https://google.com:443/search?q=a+test&gs=ps',
    })
  })

  it('reports Mimecast protect links as rewritten with a hidden target', () => {
    expect(unwrap('https://protect-eu.mimecast.com/s/Ab1cD2eF3gH4iJ5kLmN?domain=example.com')).toEqual({
      gateway: 'Mimecast',
      target: null,
    })
    expect(unwrap('https://url.uk.m.mimecastprotect.com/s/Ab1cD2eF3gH4i?domain=example.com')?.target).toBeNull()
  })

  it('undoes Mimecast ?url= links and Barracuda Link Protection', () => {
    expect(unwrap('https://url.mimecast.com/?url=https%3A%2F%2Fexample.org%2Fx')?.target).toBe('https://example.org/x')
    expect(
      unwrap('https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fwww.example.org%2fdocs&c=E,1,abc&typo=1'),
    ).toEqual({
      gateway: 'Barracuda Link Protection',
      target: 'https://www.example.org/docs',
    })
  })

  it('leaves other URLs alone, including look-alike gateway hosts', () => {
    expect(unwrap('https://www.example.com/?url=https://evil.example')).toBeNull()
    expect(unwrap('https://safelinks.protection.outlook.com.evil.example/?url=x')).toBeNull()
    expect(unwrap('https://urldefense.com/other')?.target).toBeNull()
  })
})

describe('decodeProofpointV3', () => {
  it('expands **X runs and restores a scheme cut to one slash', () => {
    // `**A` is a run of 2 characters; 'JCU' is base64url of '$%'.
    expect(decodeProofpointV3('https://urldefense.com/v3/__https:/example.com/a**Ab__;JCU!!x$')).toBe(
      'https://example.com/a$%b',
    )
  })

  it('keeps tokens it has no characters for', () => {
    expect(decodeProofpointV3('https://urldefense.com/v3/__https://example.com/a*b*c__;Kw!!x$')).toBe(
      'https://example.com/a+b*c',
    )
  })

  it('returns null without the __...__; frame', () => {
    expect(decodeProofpointV3('https://urldefense.com/v3/__https://example.com')).toBeNull()
  })
})

describe('percentDecode', () => {
  it('decodes valid escapes and keeps broken ones', () => {
    expect(percentDecode('a%20b')).toBe('a b')
    expect(percentDecode('%E0%A4%A%20x%zz%C3%A9')).toBe('%E0%A4%A x%zzé')
  })
})

describe('unwrappers on hostile input', () => {
  it('never throw', () => {
    const prefixes = [
      'https://nam12.safelinks.protection.outlook.com/?url=',
      'https://urldefense.proofpoint.com/v2/url?u=',
      'https://urldefense.proofpoint.com/v1/url?u=',
      'https://urldefense.com/v3/__',
      'https://protect-eu.mimecast.com/s/',
      'https://linkprotect.cudasvc.com/url?a=',
    ]
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.string({ maxLength: 200 }), (prefix, tail) => {
        const raw = prefix + tail
        let url: URL
        try {
          url = new URL(raw)
        } catch {
          return
        }
        const result = unwrapOnce(url, raw)
        expect(result).not.toBeNull()
      }),
    )
  })

  it('decode 1 MB v3 URLs of tokens in linear time', () => {
    const raw = `https://urldefense.com/v3/__https://example.com/${'*'.repeat(1 << 20)}__;${'QUFB'.repeat(1 << 16)}!!x$`
    const start = performance.now()
    expect(decodeProofpointV3(raw)?.startsWith('https://example.com/AAA')).toBe(true)
    expect(performance.now() - start).toBeLessThan(2000)
  })
})
