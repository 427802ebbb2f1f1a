// The app catalogue's shapes. Pure data: shared by the CLI, the app and the tests.
import type { Leg } from './legs.ts';

export type ActionAccess = 'read' | 'write';

export type AppAction = {
  name: string;
  access: ActionAccess;
  /** The action sends data outside the organisation (an email, a post, a web request). */
  externalSend: boolean;
  /** Category of the guide's 6.03 approval policy, when it names one. */
  approvalCategory: string | null;
};

export type CatalogueApp = {
  id: string;
  name: string;
  aliases: string[];
  legs: Leg[];
  actions: AppAction[];
};

export type CatalogueProfile = 'guide' | 'strict';

export type Catalogue = {
  /** The built-in profile the catalogue started from; entries may since have been edited. */
  profile: CatalogueProfile;
  apps: CatalogueApp[];
};
