// Limits of evidence attachments (checklist sign-offs, attestations, exceptions). Pure: browser forms read them too.

/** The largest evidence file Tollgate stores. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Room for an upload form's other fields (a statement of up to 2,000 characters) and the multipart boundaries
 *  around the largest file: the most an upload route reads is MAX_ATTACHMENT_BYTES plus this. */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

/** The longest file name and content type kept. */
export const MAX_FILENAME_CHARS = 255;
export const MAX_CONTENT_TYPE_CHARS = 200;
