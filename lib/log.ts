// Structured logs (pino). Secrets never go here: log ids and codes, not payloads.
import pino from 'pino';

export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { app: 'tollgate' } });
