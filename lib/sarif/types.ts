// The part of SARIF 2.1.0 (OASIS) that Tollgate writes; data/schemas/sarif-2.1.0.json is the full schema.
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export type SarifMessage = { text: string; markdown?: string };

export type SarifRule = {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: string; 'security-severity': string };
};

export type SarifArtifactLocation = { uri: string; uriBaseId?: string; index?: number };

export type SarifResult = {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: { physicalLocation: { artifactLocation: SarifArtifactLocation; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  properties?: Record<string, unknown>;
};

export type SarifLog = {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: SarifRule[];
      };
    };
    artifacts: {
      location: SarifArtifactLocation;
      length: number;
      mimeType: string;
      hashes: Record<string, string>;
    }[];
    results: SarifResult[];
    properties?: Record<string, unknown>;
  }[];
};
