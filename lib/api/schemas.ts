// Shapes shared by the API's answers.
import { z } from 'zod';

/** RFC 3339, always UTC (`Z`). */
export const Timestamp = z.iso.datetime().meta({ description: 'RFC 3339 timestamp, UTC.' });
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);
