// The AI-governance catalogues (data/frameworks) as the OSCAL export names them (lib/oscal/frameworks.ts), with the
// items each guide control maps to. No database: the unit tests of the export use it too.
import { FRAMEWORK_KEYS, frameworkCatalogue } from '@/lib/frameworks/catalogues.ts';
import type { FrameworkRef } from '@/lib/oscal/frameworks.ts';

/** Each AI-governance catalogue (data/frameworks) as the OSCAL export names it, with its control mappings. */
export function frameworkRefs(): FrameworkRef[] {
  return FRAMEWORK_KEYS.map((key) => {
    const c = frameworkCatalogue(key);
    const controlItems: Record<string, string[]> = {};
    for (const m of c.mappings) {
      if (!m.from.startsWith('control:')) continue;
      const id = m.from.slice('control:'.length);
      controlItems[id] = [...new Set([...(controlItems[id] ?? []), ...m.to])];
    }
    return { key, title: c.title, edition: c.edition, publisher: c.publisher, uri: c.uri, controlItems };
  });
}
