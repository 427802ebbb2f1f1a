#!/usr/bin/env node
// `tollgate` — the command-line interface. Runs the TypeScript sources through tsx (a dependency).
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
