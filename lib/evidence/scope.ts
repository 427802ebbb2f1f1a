// A pack's scope from form, JSON or CLI values: a framework (or 'all') and, optionally, one control.
import { FRAMEWORK_KEYS, FRAMEWORK_LABELS } from '@/lib/frameworks/catalogues.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { FRAMEWORKS } from '@/lib/posture/score.ts';
import type { PackFramework, PackScope } from './types.ts';

/** Every framework a pack may cover, in the order forms list them, with its label. */
export const PACK_FRAMEWORKS: readonly PackFramework[] = [
  ...(Object.keys(FRAMEWORKS) as (keyof typeof FRAMEWORKS)[]),
  ...FRAMEWORK_KEYS,
];
export const packFrameworkLabel = (fw: PackFramework): string =>
  fw in FRAMEWORKS ? FRAMEWORKS[fw as keyof typeof FRAMEWORKS] : FRAMEWORK_LABELS[fw as keyof typeof FRAMEWORK_LABELS];

export function parseScope(framework: unknown, control: unknown): PackScope {
  const fw = typeof framework === 'string' ? framework.trim() : '';
  if (fw !== 'all' && !(PACK_FRAMEWORKS as readonly string[]).includes(fw))
    throw new AppError(
      'unprocessable',
      `framework: expected ${PACK_FRAMEWORKS.join(', ')} or all, got "${fw.slice(0, 40)}".`,
    );
  const controlId = typeof control === 'string' ? control.trim() : '';
  if (controlId && !CATALOGUE.controls.some((c) => c.id === controlId))
    throw new AppError('unprocessable', `control: the guide has no control "${controlId.slice(0, 20)}" (1.1 to 6.7).`);
  return { framework: fw as PackFramework | 'all', ...(controlId ? { controlId } : {}) };
}
