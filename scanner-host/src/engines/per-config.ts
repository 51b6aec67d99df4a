/** perConfig: a value derived once from an engine's config object, which is the same for every message. */

/**
 * @example
 * const shortenerSet = perConfig((config: LinksConfig) => new Set(config.shorteners))
 * shortenerSet(ctx.config).has(host)
 */
export function perConfig<C extends object, V>(build: (config: C) => V): (config: C) => V {
  const memo = new WeakMap<C, V>()
  return (config) => {
    let value = memo.get(config)
    if (value === undefined) {
      value = build(config)
      memo.set(config, value)
    }
    return value
  }
}
