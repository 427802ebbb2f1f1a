// The AI-governance framework catalogues (data/frameworks/*.yaml), read and checked once when the module loads, so
// a bad file stops the start naming its file, line and id. The small stable API other modules use:
// frameworkCatalogue(key), frameworkItems(key), mappingsFor(key), FRAMEWORK_LABELS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { builtinRules } from '@/lib/detections/builtin.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { type CheckDef, tollgateChecks } from './checks.ts';
import {
  FRAMEWORK_KEYS,
  type FrameworkCatalogue,
  type FrameworkItem,
  type FrameworkKey,
  type FrameworkMapping,
  type KnownSources,
  parseFrameworkFile,
} from './parse.ts';

export { FRAMEWORK_KEYS, type FrameworkCatalogue, type FrameworkItem, type FrameworkKey, type FrameworkMapping };

// Inside Next's server bundle import.meta.dirname is undefined; the app runs from the repository root.
export const FRAMEWORKS_DIR = import.meta.dirname
  ? path.resolve(import.meta.dirname, '../../data/frameworks')
  : path.resolve(process.cwd(), 'data/frameworks');

/** Every check a mapping may name, by id. */
export const CHECKS: ReadonlyMap<string, CheckDef> = new Map(tollgateChecks(builtinRules()).map((c) => [c.id, c]));

export function knownSources(): KnownSources {
  return { controls: new Set(CATALOGUE.controls.map((c) => c.id)), checks: new Set(CHECKS.keys()) };
}

/** Reads every framework's file from `dir` (each `<key>.yaml`), refusing the first problem found. */
export function loadFrameworkCatalogues(
  dir = FRAMEWORKS_DIR,
  known = knownSources(),
): Record<FrameworkKey, FrameworkCatalogue> {
  return Object.fromEntries(
    FRAMEWORK_KEYS.map((key) => {
      const file = path.join(dir, `${key}.yaml`);
      const shown = `data/frameworks/${key}.yaml`;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new Error(`${shown}: missing (every framework needs its catalogue file)`);
      }
      return [key, parseFrameworkFile(text, shown, known)];
    }),
  ) as Record<FrameworkKey, FrameworkCatalogue>;
}

const CATALOGUES = loadFrameworkCatalogues();

/** Short names, for tables and score cards. */
export const FRAMEWORK_LABELS: Record<FrameworkKey, string> = {
  iso42001: 'ISO/IEC 42001',
  iso27001: 'ISO/IEC 27001',
  nist_ai_rmf: 'NIST AI RMF',
  eu_ai_act: 'EU AI Act',
  owasp_agentic: 'OWASP Agentic',
  owasp_llm: 'OWASP LLM',
  mitre_atlas: 'MITRE ATLAS',
};

export const isFrameworkKey = (key: string): key is FrameworkKey => (FRAMEWORK_KEYS as readonly string[]).includes(key);

export function frameworkCatalogue(key: FrameworkKey): FrameworkCatalogue {
  return CATALOGUES[key];
}

export function frameworkItems(key: FrameworkKey): FrameworkItem[] {
  return CATALOGUES[key].items;
}

export function mappingsFor(key: FrameworkKey): FrameworkMapping[] {
  return CATALOGUES[key].mappings;
}

/** The framework items a guide control (`control:6.4`) or a check (`rule:…`) gives evidence for, in one framework. */
export function itemsMappedFrom(key: FrameworkKey, source: string): string[] {
  return [...new Set(CATALOGUES[key].mappings.filter((m) => m.from === source).flatMap((m) => m.to))];
}
