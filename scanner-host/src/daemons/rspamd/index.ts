/** Moat's Rspamd: the launcher (Rspamd, its Redis, the DNS choice) and the shipped configuration it writes. */
export { startRspamd, type RspamdInstance, type StartRspamdOptions } from './start-rspamd.ts'
export { chooseDns, resolvesRealNames, type DnsChoice, type DnsMode } from './choose-dns.ts'
export { writeRspamdConfig, SHIPPED_CONFIG_DIR, type RspamdLaunchValues } from './rspamd-config.ts'
export { startRedis, redisAnswers, redisConfig, type RedisInstance } from './start-redis.ts'
export { ensureRspamdPackages, RSPAMD_PACKAGES } from './packages.ts'
