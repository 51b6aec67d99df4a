/** `moat train --spam PATH --ham PATH [--untrain]`: reports messages to the learning engines. */
import { parseArgs } from 'node:util'
import { createLearners } from '../learning/learners.ts'
import { learnMessage, type LearnOutcome } from '../learning/learn-message.ts'
import { DEFAULT_LIMITS } from '../limits.ts'
import { notMailReason } from '../message/headers.ts'
import { parseMessage } from '../message/parse-message.ts'
import { PolicyError } from '../policy/load-policy.ts'
import type { Label } from '../state/trained-store.ts'
import { CliError, EXIT_IO, EXIT_OK } from './cli-error.ts'
import { loadPolicyOption, openStateOption } from './load-scanner.ts'
import { readInputs } from './read-inputs.ts'

export const TRAIN_USAGE = `usage: moat train [--spam PATH]... [--ham PATH]... [--untrain] [--policy FILE] [--ext .eml] [--verbose]
  Teaches the learning engines (the Bayes filter and fingerprint proximity) what reported mail
  looks like; the next scan sees it. A PATH is a message file, a folder (read recursively), an
  mbox file, or - for standard input. Each message is trained in its own transaction.
  --spam PATH   train these messages as spam (repeatable)
  --ham PATH    train these messages as good mail (repeatable)
  --untrain     take an earlier training back instead (the message must be given again)
  --policy      policy file: the engines' learning settings (fingerprint time to live...)
  --ext         only files with these endings, comma-separated
  --verbose     one line per message: what happened to it
Training a message again on the same side changes nothing; training it on the other side moves it.
The learning state lives in MOAT_DATA_DIR (./data by default).
Exit status: 0 when every message was trained, 1 when some input could not be read or was not mail,\n2 on a usage error.`

export interface TrainIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  stdin: NodeJS.ReadableStream
}

type Tally = Record<LearnOutcome, number>

export async function trainCommand(args: string[], io: TrainIo): Promise<number> {
  const { values, tokens } = parseTrainArgs(args)
  // In the order given: `--ham a --spam a` must end with a trained as spam.
  const batches: { side: Label; path: string }[] = []
  for (const token of tokens) {
    if (token.kind === 'option' && (token.name === 'spam' || token.name === 'ham') && token.value !== undefined) {
      batches.push({ side: token.name, path: token.value })
    }
  }
  if (batches.length === 0) throw new CliError(`moat train: give --spam or --ham\n${TRAIN_USAGE}`)
  if (batches.filter((b) => b.path === '-').length > 1) {
    throw new CliError('moat train: standard input (-) can be read only once')
  }
  const extensions = (values.ext ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
  const policy = await loadPolicyOption(values.policy)
  let learners
  try {
    learners = createLearners(policy)
  } catch (err) {
    if (err instanceof PolicyError) throw new CliError(`${values.policy ?? 'default policy'}: ${err.message}`)
    throw err
  }
  const limits = { ...DEFAULT_LIMITS, ...policy.limits }
  const state = await openStateOption(true)
  let unreadable = 0
  const tallies: Record<Label, Tally | null> = { spam: null, ham: null }
  try {
    for (const { side, path } of batches) {
      const tally = (tallies[side] ??= { trained: 0, moved: 0, unchanged: 0, untrained: 0, 'not-trained': 0 })
      for await (const input of readInputs([path], { extensions, stdin: io.stdin })) {
        if ('error' in input) {
          unreadable++
          io.stderr(`moat train: ${input.origin}: ${input.error}`)
          continue
        }
        const message = await parseMessage(input.raw, limits)
        // Training on a file that is not mail (an empty input, a JSON file beside the corpus) would
        // teach the filter noise: refuse it and say so.
        const notMail = notMailReason(message.headers)
        if (notMail) {
          unreadable++
          io.stderr(`moat train: ${input.origin}: not an email message (${notMail}); not trained`)
          continue
        }
        const outcome = await learnMessage(state, learners, { message, side, untrain: values.untrain })
        tally[outcome]++
        if (values.verbose) io.stdout(`${outcome}\t${side}\t${input.origin}`)
      }
    }
    for (const side of ['spam', 'ham'] as const) {
      const tally = tallies[side]
      if (tally) io.stdout(`moat train: ${side}: ${describeTally(tally)}`)
    }
  } finally {
    state.close()
  }
  return unreadable > 0 ? EXIT_IO : EXIT_OK
}

function describeTally(tally: Tally): string {
  const parts = Object.entries(tally)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${outcome}`)
  return parts.length > 0 ? parts.join(', ') : 'nothing trained'
}

function parseTrainArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      tokens: true,
      options: {
        spam: { type: 'string', multiple: true },
        ham: { type: 'string', multiple: true },
        untrain: { type: 'boolean', default: false },
        policy: { type: 'string' },
        ext: { type: 'string' },
        verbose: { type: 'boolean', default: false },
      },
    })
  } catch (err) {
    throw new CliError(`moat train: ${(err as Error).message}\n${TRAIN_USAGE}`)
  }
}
