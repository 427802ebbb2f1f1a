/** A misconfiguration: ends the process with one sentence naming the setting, never a stack trace. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`${setting}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Environment variables as plain strings (Next's ProcessEnv typing insists on NODE_ENV). */
export type Env = Record<string, string | undefined>;
