// A pack's scope from form, JSON or CLI values: a framework (or 'all') and, optionally, one control.
import { AppError } from '@/lib/http/app-error.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { FRAMEWORKS, type Framework } from '@/lib/posture/score.ts';
import type { PackScope } from './types.ts';

export function parseScope(framework: unknown, control: unknown): PackScope {
  const fw = typeof framework === 'string' ? framework.trim() : '';
  if (fw !== 'all' && !(fw in FRAMEWORKS))
    throw new AppError(
      'unprocessable',
      `framework: expected soc2, nist_800_53, cis, gdpr or all, got "${fw.slice(0, 40)}".`,
    );
  const controlId = typeof control === 'string' ? control.trim() : '';
  if (controlId && !CATALOGUE.controls.some((c) => c.id === controlId))
    throw new AppError('unprocessable', `control: the guide has no control "${controlId.slice(0, 20)}" (1.1 to 6.7).`);
  return { framework: fw as Framework | 'all', ...(controlId ? { controlId } : {}) };
}
