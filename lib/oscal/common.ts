// Small OSCAL building blocks (pure): props, single-line strings, links an OSCAL uri-reference accepts.
import { TOLLGATE_NS } from './ids.ts';

export type Json = { [key: string]: unknown };
export type Prop = { name: string; ns: string; value: string };

/** Many OSCAL strings (prop values, names) must be one line without outer spaces, and not empty. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim() || '-';
}

/** A prop in Tollgate's namespace. */
export const prop = (name: string, value: string | number): Prop => ({
  name,
  ns: TOLLGATE_NS,
  value: oneLine(String(value)),
});

export const iso = (d: Date): string => d.toISOString();

/** An instant as people read a period bound: the date alone at midnight UTC. */
export const day = (d: Date): string =>
  d.toISOString().endsWith('T00:00:00.000Z') ? d.toISOString().slice(0, 10) : d.toISOString();

/** An OSCAL array holds at least one item: an empty one is left out (undefined disappears from the JSON). */
export const some = <T>(xs: T[]): T[] | undefined => (xs.length ? xs : undefined);

/**
 * A link as a valid URI reference: absolute URLs normalised (percent-encoded), Tollgate's own paths kept
 * relative (to the Tollgate instance that produced the export). null when it is neither.
 */
export function uriReference(href: string): string | null {
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return new URL(href).href;
    if (!href.startsWith('/')) return null;
    const u = new URL(href, 'https://tollgate.invalid');
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return null;
  }
}

export const bullets = (lines: string[]): string => lines.map((l) => `- ${oneLine(l)}`).join('\n');
