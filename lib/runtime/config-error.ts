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
