// TOLLGATE_MAX_IN_FLIGHT: how many requests one instance renders at once before it answers 503 (decision 0035).
import { ConfigError, type Env } from '@/lib/runtime/config-error.ts';
import { DB_POOL_MAX } from '@/lib/runtime/pool-size.ts';

export const MAX_IN_FLIGHT_SETTING = 'TOLLGATE_MAX_IN_FLIGHT';
/** Measured (decision 0035): past this many requests a connection, throughput no longer grows, only waiting. */
export const IN_FLIGHT_PER_CONNECTION = 3;
export const DEFAULT_MAX_IN_FLIGHT = DB_POOL_MAX * IN_FLIGHT_PER_CONNECTION;
const CEILING = 10_000;

/** The limit from the environment, or the default; a value that is not a whole number 1–10000 names the setting. */
export function readMaxInFlight(env: Env = process.env): number {
  const raw = env[MAX_IN_FLIGHT_SETTING]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_MAX_IN_FLIGHT;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > CEILING)
    throw new ConfigError(MAX_IN_FLIGHT_SETTING, `"${raw}" is not a whole number of requests (1–${CEILING})`);
  return value;
}
