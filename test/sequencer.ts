// Vitest's file order, for two workers on a two-core CI machine: the files that take longest start first, so the
// two workers finish together instead of one running a 30-second file alone at the end. A fresh clone has no
// results cache (Vitest would order by file size), hence this list, slowest first, from the last CI's log.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOW_FIRST = [
  'lib/evidence/worker.integration.test.ts',
  'lib/agents/import/bad-input.integration.test.ts',
  'cli/ingest.test.ts',
  'cli/platform.test.ts',
  'cli/api-token.test.ts',
  'cli/import-agents.test.ts',
  'cli/embedded-shared.test.ts',
  'test/api-contract.test.ts',
  'test/api-matrix.test.ts',
  'lib/api/operations/evidence.integration.test.ts',
  'lib/seed/demo-gpts.integration.test.ts',
  'lib/platform/executor.integration.test.ts',
  'bench/fleet.test.ts',
  'lib/evidence/sets/audit-log.integration.test.ts',
  'cli/gpts.test.ts',
  'cli/suspend.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = SLOW_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return at === -1 ? SLOW_FIRST.length : at;
    };
    // Array.prototype.sort is stable: the rest keep Vitest's own order (cached durations, else size).
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
