/** Measures the MIME tree mailparser built, and cuts the header block off raw bytes. */
import type { MimeStructure } from './parsed-message.ts'

interface TreeNode {
  children?: unknown
}

/**
 * Counts parts and depth of mailparser's node tree. The tree is internal to mailparser, so this
 * reads it defensively and walks it without recursion (a hostile message may nest deeply).
 */
export function measureTree(tree: unknown): MimeStructure {
  if (!tree || typeof tree !== 'object') return { parts: 0, depth: 0 }
  let parts = 0
  let depth = 0
  const stack: [TreeNode, number][] = [[tree as TreeNode, 0]]
  while (stack.length > 0) {
    const [node, level] = stack.pop()!
    parts++
    depth = Math.max(depth, level)
    if (Array.isArray(node.children)) {
      for (const child of node.children) {
        if (child && typeof child === 'object') stack.push([child as TreeNode, level + 1])
      }
    }
  }
  return { parts, depth }
}

/** The header block of a message (up to the first empty line), at most `maxBytes` long. */
export function headBlock(raw: Buffer, maxBytes: number): Buffer {
  const window = raw.subarray(0, Math.min(raw.length, maxBytes))
  const crlf = window.indexOf('\r\n\r\n')
  const lf = window.indexOf('\n\n')
  const ends = [crlf >= 0 ? crlf + 4 : -1, lf >= 0 ? lf + 2 : -1].filter((n) => n >= 0)
  const end = ends.length > 0 ? Math.min(...ends) : window.length
  return Buffer.concat([window.subarray(0, end), Buffer.from('\r\n')])
}
