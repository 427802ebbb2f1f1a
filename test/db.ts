// Each test file gets its own database, cloned from the migrated template (fast, isolated).
import { inject } from 'vitest';
import { createDatabaseOn } from '@/lib/db/embedded.ts';

/** A database with every migration applied. */
export const createTestDatabase = (prefix = 't') =>
  createDatabaseOn(inject('pgServerUrl'), prefix, 'tollgate_template');

/** A database with nothing in it (not even migrations), for migration tests. */
export const createEmptyDatabase = (prefix = 'e') => createDatabaseOn(inject('pgServerUrl'), prefix);
