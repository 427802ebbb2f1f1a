// The AI-governance framework catalogues in the OSCAL export (issue 21, item 4), pure: one back-matter resource per
// catalogue, named by an https URI under Tollgate's namespace (decision 0015) with an rlink to its publisher's page,
// and on each control's finding the items it maps to (props) and links to those catalogues' resources.
import { oneLine, prop, type Json, type Prop } from './common.ts';
import { oscalUuid, TOLLGATE_NS } from './ids.ts';

/** One catalogue as the export names it, and which of its items each guide control maps to. */
export type FrameworkRef = {
  key: string;
  title: string;
  edition: string;
  publisher: string;
  uri: string;
  /** Guide control id → the item ids it gives evidence for. */
  controlItems: Record<string, string[]>;
};

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');

export const frameworkCatalogueUri = (f: Pick<FrameworkRef, 'key' | 'edition'>) =>
  `${TOLLGATE_NS}/catalogue/${f.key}/${slug(f.edition) || 'edition'}`;
export const frameworkResourceUuid = (f: Pick<FrameworkRef, 'key' | 'edition'>) =>
  oscalUuid('resource', 'framework-catalogue', f.key, f.edition);

export function frameworkResource(f: FrameworkRef): Json {
  return {
    uuid: frameworkResourceUuid(f),
    title: oneLine(`${f.title}, ${f.edition}`),
    description:
      `${oneLine(f.title)} (${oneLine(f.publisher)}), as Tollgate's catalogue: its item ids with short titles in ` +
      `Tollgate's own words, and a mapping from the guide's controls and Tollgate's checks to them. A mapping is ` +
      `evidence for an item, not a certification against it.`,
    props: [prop('framework', f.key), prop('edition', f.edition)],
    'document-ids': [{ scheme: `${TOLLGATE_NS}/catalogue`, identifier: frameworkCatalogueUri(f) }],
    citation: { text: oneLine(`${f.publisher}, ${f.title}, ${f.edition}.`) },
    rlinks: [{ href: f.uri, 'media-type': 'text/html' }],
  };
}

/** The reviewed controls' references to each catalogue. */
export const frameworkLinks = (frameworks: FrameworkRef[]): Json[] =>
  frameworks.map((f) => ({
    href: `#${frameworkResourceUuid(f)}`,
    rel: 'reference',
    text: oneLine(`Items of ${f.title} (${f.edition}) the controls map to: the maps-to props of each finding.`),
  }));

/** A control's finding: a `maps-to` prop per item (`iso42001:A.6.2.8`), and a link to each catalogue it maps to. */
export function controlMappings(controlId: string, frameworks: FrameworkRef[]): { props: Prop[]; links: Json[] } {
  const mapped = frameworks.filter((f) => (f.controlItems[controlId] ?? []).length > 0);
  return {
    props: mapped.flatMap((f) => f.controlItems[controlId]!.map((item) => prop('maps-to', `${f.key}:${item}`))),
    links: mapped.map((f) => ({ href: `#${frameworkResourceUuid(f)}`, rel: 'reference' })),
  };
}
