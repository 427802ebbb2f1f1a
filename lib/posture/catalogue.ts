// The hardening guide's controls as versioned data (data/controls/*.json), validated on load. Pure: the
// database sync is in catalogue-sync.ts. Decision record: docs/decisions/0013-control-catalogue.md.
import { z } from 'zod';
// A JSON import: bundled by Next, read by tsx and Vitest alike (no path to resolve at run time).
import current from '@/data/controls/chatgpt-enterprise-hardening-guide-0.2.1.json' with { type: 'json' };

export const LEVELS = ['L1', 'L2', 'L3'] as const;
export const ASSESSMENTS = ['automated', 'attested', 'both'] as const;
/** The GDPR requirements of the guide's section 7, as tokens (0013 gives each one's mapping). */
export const GDPR_REQUIREMENTS = [
  'art5-1c-data-minimisation',
  'art5-1b-purpose-limitation',
  'art20-data-portability',
  'art17-right-to-erasure',
  'art32-security-of-processing',
  'art22-automated-decisions',
] as const;

const controlSchema = z.strictObject({
  id: z.string().regex(/^\d+\.\d+$/, 'expected a control number such as "6.4"'),
  title: z.string().min(1),
  section: z.number().int().positive(),
  sectionTitle: z.string().min(1),
  level: z.enum(LEVELS).nullable(),
  cis: z.array(z.string().regex(/^\d+\.\d+$/, 'expected a CIS safeguard such as "6.3"')),
  nist: z.array(z.string().regex(/^[A-Z]{2}-\d+(\(\d+\))?$/, 'expected a NIST 800-53 id such as "AC-3(2)"')),
  soc2: z.array(z.string().regex(/^CC\d+\.\d+$/, 'expected a SOC 2 criterion such as "CC6.1"')),
  gdpr: z.array(z.enum(GDPR_REQUIREMENTS)),
  assessment: z.enum(ASSESSMENTS),
});

const catalogueSchema = z.strictObject({
  guide: z.string().min(1),
  version: z.string().min(1),
  source: z.string().min(1),
  controls: z.array(controlSchema).min(1),
});

export type Level = (typeof LEVELS)[number];
export type Assessment = (typeof ASSESSMENTS)[number];
export type GdprRequirement = (typeof GDPR_REQUIREMENTS)[number];
/** A control with its place in the guide (position 1 is the guide's first control). */
export type CatalogueControl = z.infer<typeof controlSchema> & { position: number };
export type Catalogue = Omit<z.infer<typeof catalogueSchema>, 'controls'> & { controls: CatalogueControl[] };

/** Validates catalogue data; every error names the control (by its id when it has one) and the field. */
export function parseCatalogue(data: unknown, source: string): Catalogue {
  const result = catalogueSchema.safeParse(data);
  const rawControls = (data as { controls?: unknown } | null)?.controls;
  const label = (index: number) => {
    const id = Array.isArray(rawControls) ? (rawControls[index] as { id?: unknown } | null)?.id : undefined;
    return typeof id === 'string' ? `control ${id}` : `control #${index + 1}`;
  };
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const [head, index, ...rest] = issue.path;
      if (head === 'controls' && typeof index === 'number') {
        return (
          `${label(index)}, field ` +
          `${rest.length ? rest.map(String).join('.') : '(the control itself)'}: ${issue.message}`
        );
      }
      return `field ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`;
    });
    throw new Error(`Invalid control catalogue ${source}:\n- ${problems.join('\n- ')}`);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  result.data.controls.forEach((control, index) => {
    if (seen.has(control.id)) problems.push(`${label(index)}, field id: appears twice`);
    seen.add(control.id);
    if (Number(control.id.split('.')[0]) !== control.section) {
      problems.push(`${label(index)}, field section: ${control.section} does not match the id`);
    }
    const first = result.data.controls.find((c) => c.section === control.section);
    if (first && first.sectionTitle !== control.sectionTitle) {
      problems.push(
        `${label(index)}, field sectionTitle: "${control.sectionTitle}" differs ` +
          `from "${first.sectionTitle}" in the same section`,
      );
    }
  });
  if (problems.length) throw new Error(`Invalid control catalogue ${source}:\n- ${problems.join('\n- ')}`);
  return {
    ...result.data,
    controls: result.data.controls.map((control, index) => ({ ...control, position: index + 1 })),
  };
}

/** The current guide's catalogue. */
export const CATALOGUE: Catalogue = parseCatalogue(
  current,
  'data/controls/chatgpt-enterprise-hardening-guide-0.2.1.json',
);

export function controlById(id: string, catalogue: Catalogue = CATALOGUE): CatalogueControl | undefined {
  return catalogue.controls.find((control) => control.id === id);
}
