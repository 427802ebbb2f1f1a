// What a suspension's notice is keyed and addressed by: shared by the writer (service.ts) and the reader
// (queries.ts), so the reader needs no import of the writer.
export const alertKeyOf = (suspensionId: string) => `suspension:${suspensionId}`;

export type Recipient = {
  role: 'owner' | 'agents_admin' | 'grc_on_call' | 'incident_commander';
  label: string;
  to: string | null;
};
