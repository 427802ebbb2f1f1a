/** The largest evidence file Tollgate stores (checklist sign-offs, attestations); pure, for forms too. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
