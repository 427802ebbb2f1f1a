// What a new workspace must look like, whether Settings' "Add a workspace" or `tollgate workspaces add` sends it.
import { z } from 'zod';

export const workspaceSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Id: 2–63 lowercase letters, digits or dashes.'),
  name: z.string().trim().min(1, 'Name is required.').max(120),
  kind: z.enum(['workspace', 'organization']),
  principal: z
    .string()
    .trim()
    .max(120)
    .transform((v) => v || null),
});
