// Entry of `tollgate classify`, runnable without tsx (bin/tollgate.mjs bundles it with esbuild for a fast start).
import { parseArgs } from 'node:util';
import { classifyCommand } from './classify.ts';

export async function runClassify(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, strict: { type: 'boolean' }, catalogue: { type: 'string' } },
    });
  } catch (error) {
    console.error(`tollgate classify: ${(error as Error).message}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals.length > 1) {
    console.error(`tollgate classify: one FILE expected, got ${positionals.length}`);
    return 2;
  }
  try {
    return await classifyCommand(positionals[0], { json: Boolean(values.json), strict: Boolean(values.strict), catalogue: values.catalogue });
  } catch (error) {
    console.error(`tollgate classify: ${(error as Error).message}`);
    return 2;
  }
}
