import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; the level comes from config. */
export function createLogger(level: string, name = 'coldlink'): Logger {
  return pino({ name, level, redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] });
}
