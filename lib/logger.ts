import { pino, type Logger } from 'pino';

/** JSON logs to stdout, one line per event; `LOG_LEVEL` picks the level (info by default, silent in tests). */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info')): Logger {
  return pino({ name, level, base: { service: name } });
}
export type { Logger };
