// The back matter (pure): what import-ap and the reviewed controls point to with "#uuid". Tollgate has no OSCAL
// assessment plan or catalogue document, so each is described here, named by a Tollgate URI (decision 0015).
import { prop, type Json } from './common.ts';
import {
  assessmentPlanResourceUuid,
  assessmentPlanUri,
  catalogueResourceUuid,
  catalogueUri,
  CONTROL_ID_PREFIX,
  TOLLGATE_NS,
} from './ids.ts';

/** Where the guide is published: the source of the catalogue's controls. */
export const GUIDE_URL = 'https://howtoharden.com/guides/chatgpt-enterprise/';

const GUIDE = 'ChatGPT Enterprise Hardening Guide';

export function backMatter(catalogueVersion: string): Json {
  return {
    resources: [
      {
        uuid: assessmentPlanResourceUuid(catalogueVersion),
        title: `Tollgate assessment plan: ${GUIDE} ${catalogueVersion}`,
        description:
          `Tollgate's plan for assessing a ChatGPT Enterprise workspace against ` +
          `the ${GUIDE} ${catalogueVersion}: each control is checked by Tollgate's ` +
          `automated rules over the records it holds, by a person's attestation ` +
          `with evidence and an expiry, or both, as the catalogue declares. The ` +
          `plan is built into Tollgate; there is no separate OSCAL assessment-plan ` +
          `document, so this resource stands for it.`,
        props: [prop('catalogue', catalogueUri(catalogueVersion)), prop('catalogue-version', catalogueVersion)],
        'document-ids': [{ scheme: `${TOLLGATE_NS}/assessment-plan`, identifier: assessmentPlanUri(catalogueVersion) }],
      },
      {
        uuid: catalogueResourceUuid(catalogueVersion),
        title: `${GUIDE} ${catalogueVersion}`,
        description:
          `The guide's controls as Tollgate's control catalogue: control "6.4" is ` +
          `"${CONTROL_ID_PREFIX}6.4", and its objective as a whole is "${CONTROL_ID_PREFIX}6.4_obj".`,
        props: [prop('catalogue-version', catalogueVersion)],
        'document-ids': [{ scheme: `${TOLLGATE_NS}/catalogue`, identifier: catalogueUri(catalogueVersion) }],
        citation: { text: `How to Harden, ${GUIDE}, ${catalogueVersion}.` },
        rlinks: [{ href: GUIDE_URL, 'media-type': 'text/html' }],
      },
    ],
  };
}
