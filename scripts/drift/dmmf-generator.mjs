// A Prisma generator that only writes what `prisma generate` hands it (the DMMF: Prisma's own parse of
// schema.prisma) to the file named by its `output`. Prisma spawns it and speaks JSON-RPC: requests
// arrive as lines on stdin, answers go back as lines on stderr. Plain .mjs because Prisma starts it
// with bare `node`, without tsx.
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const answer = (id, result) => process.stderr.write(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line);
  if (message.method === 'getManifest') {
    answer(message.id, { manifest: { prettyName: 'DMMF', requiresEngines: [] } });
  } else if (message.method === 'generate') {
    writeFileSync(message.params.generator.output.value, JSON.stringify(message.params));
    answer(message.id, null);
  }
});
