// Identifiers of the OSCAL export (decision 0015), pure: deterministic UUIDs, control ids, Tollgate's URIs.
import { createHash } from 'node:crypto';

/** RFC 4122 appendix C: the namespace for names that are URLs or URNs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based UUID (version 5, SHA-1), RFC 4122 §4.3: the same namespace and name always give the same UUID. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`Not a UUID namespace: "${namespace}"`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Tollgate's namespace for every UUID of its OSCAL documents (the value is in decision 0015). The URN here is
 * only the name hashed into that namespace UUID, never written into a document: kept so UUIDs stay stable.
 */
export const OSCAL_NAMESPACE = uuidV5(URL_NAMESPACE, 'urn:tollgate:oscal');

/** The UUID of one object: its kind and stable keys (ids and ISO instants, never display names or positions). */
export const oscalUuid = (...parts: string[]): string => uuidV5(OSCAL_NAMESPACE, JSON.stringify(parts));

/**
 * The namespace of Tollgate's own OSCAL props, document-id schemes and catalogue references: an https URI under
 * a domain the project holds (decision 0015). Not a URN: common OSCAL tooling refuses URNs in `ns` although
 * NIST's schema accepts them. It names; it need not resolve.
 */
export const TOLLGATE_NS = 'https://tollgate.dev/ns/oscal';

/** OSCAL ids are tokens that start with a letter or "_"; the guide numbers its controls "6.4". */
export const CONTROL_ID_PREFIX = 'chatgpt-ent-';

/** The OSCAL control id of a control of the guide: "6.4" → "chatgpt-ent-6.4" (a token may contain dots). */
export function oscalControlId(id: string): string {
  if (!/^\d+(\.\d+)*$/.test(id)) throw new Error(`Not a control number of the guide: "${id}"`);
  return `${CONTROL_ID_PREFIX}${id}`;
}

/**
 * The control's objective as a whole, named as NIST names them in its catalogues ("ac-2_obj"): "chatgpt-ent-6.4_obj".
 */
export const oscalObjectiveId = (id: string): string => `${oscalControlId(id)}_obj`;

export const GUIDE_SLUG = 'chatgpt-enterprise-hardening-guide';

/** The URI naming one version of the guide as Tollgate's control catalogue (the ids above are its controls). */
export const catalogueUri = (catalogueVersion: string): string =>
  `${TOLLGATE_NS}/catalogue/${GUIDE_SLUG}/${encodeURIComponent(catalogueVersion)}`;

/** The URI naming Tollgate's assessment plan for one version of the catalogue (there is no plan file). */
export const assessmentPlanUri = (catalogueVersion: string): string =>
  `${TOLLGATE_NS}/assessment-plan/${GUIDE_SLUG}/${encodeURIComponent(catalogueVersion)}`;

/** Back-matter resources: the plan and the catalogue, one UUID per catalogue version. */
export const assessmentPlanResourceUuid = (catalogueVersion: string): string =>
  oscalUuid('resource', 'assessment-plan', GUIDE_SLUG, catalogueVersion);
export const catalogueResourceUuid = (catalogueVersion: string): string =>
  oscalUuid('resource', 'catalogue', GUIDE_SLUG, catalogueVersion);

/** import-ap: a fragment that resolves, inside the document, to the back-matter resource describing the plan. */
export const assessmentPlanHref = (catalogueVersion: string): string =>
  `#${assessmentPlanResourceUuid(catalogueVersion)}`;
