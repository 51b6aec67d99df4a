/** The scanner host's configuration file from --config, MOAT_CONFIG or ./moat.yaml, as a CLI error when invalid. */
import { existsSync } from 'node:fs'
import { ConfigError, loadWatchConfig, WatchConfigSchema, type WatchConfig } from '../mailbox/config/watch-config.ts'
import { CliError } from './cli-error.ts'

export const DEFAULT_CONFIG_FILE = 'moat.yaml'

export interface LoadedConfig {
  config: WatchConfig
  /** Null when no file was named or found: nothing is watched. */
  file: string | null
}

/**
 * `--config FILE`, else MOAT_CONFIG, else `./moat.yaml` when present, else an empty configuration.
 * The file's `dataDir` and `policy` apply unless MOAT_DATA_DIR or --policy say otherwise; the data
 * directory is handed on as MOAT_DATA_DIR, which every part of the scanner host reads.
 */
export async function loadConfigOption(option: string | undefined): Promise<LoadedConfig> {
  const file = option ?? process.env.MOAT_CONFIG ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null)
  if (!file) return { config: WatchConfigSchema.parse({}), file: null }
  let config: WatchConfig
  try {
    config = await loadWatchConfig(file)
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`moat: ${err.message}`)
    throw err
  }
  if (config.dataDir && !process.env.MOAT_DATA_DIR) process.env.MOAT_DATA_DIR = config.dataDir
  return { config, file }
}
