// A free-text filter read from the URL, shared by the list pages' filters (agents, roster, findings, alerts,
// platform actions): trimmed, at most `max` characters, empty or malformed → no filter, never an error.
import { z } from 'zod';

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || undefined)
    .optional()
    .catch(undefined);
