// For tests that write an Agent row directly: the classification columns of an agent with no apps (no leg, no
// trifecta, effective state none), so a test spells out only what it is about.
export const NO_APPS = {
  apps: [] as string[],
  connectors: [],
  appIds: [] as string[],
  unknownApps: [] as string[],
  unclassifiedMcp: [] as string[],
  legs: {},
  legCount: 0,
  trifecta: false,
  breakApps: [] as string[],
  effectiveState: 'none',
};
