// The rules Tollgate ships (rules/*.yml): Sigma 2.0 rules a SIEM can read; the `tollgate:` block names
// the stateful check Tollgate runs on top of the selection.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRule, type SigmaRule } from './rule-file.ts';

// Inside Next's server bundle import.meta.dirname is undefined; the app runs from the repository root.
export const RULES_DIR = import.meta.dirname
  ? path.resolve(import.meta.dirname, '../../rules')
  : path.resolve(process.cwd(), 'rules');

export function builtinRules(dir = RULES_DIR): SigmaRule[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => parseRule(readFileSync(path.join(dir, f), 'utf8'), `rules/${f}`));
}

/** Every rule as one multi-document Sigma YAML stream, for a SIEM: each file's documents, correlations included. */
export function sigmaExport(rules = builtinRules()): string {
  return rules.map((r) => `# ${r.id}\n${r.yaml.trim()}\n`).join('---\n');
}
