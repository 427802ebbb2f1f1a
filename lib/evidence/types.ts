// Evidence packs and OSCAL exports (issue 8): the shapes the pure parts share, free of Next and Prisma.
import type { SnapshotData } from '@/lib/posture/snapshot.ts';
import type { FrameworkKey } from '@/lib/frameworks/parse.ts';
import type { Framework } from '@/lib/posture/score.ts';

/** A half-open period [from, to) in UTC. */
export type Period = { from: Date; to: Date };

/** A framework a pack may cover: the guide's own four (section 7) or an AI-governance catalogue (issue 21). */
export type PackFramework = Framework | FrameworkKey;

/** What a pack covers: one framework, one control, or the whole programme ('all'). */
export type PackScope = { framework: PackFramework | 'all'; controlId?: string };

/** Who and what produced an export (the generator's name and version go into the manifest). */
export type Generator = { name: 'tollgate'; version: string };

/**
 * The posture the pack reports: for an ended period the latest snapshot taken before `to` (what Tollgate had
 * evaluated then); for a running one an evaluation made when the pack is generated. `at` is when it was made.
 */
export type PostureAsOf = { at: Date; source: 'snapshot' | 'live'; data: SnapshotData };

/** An attestation as auditors see it (OSCAL observations carry `expires`). */
export type AttestationRecord = {
  id: string;
  controlId: string;
  statement: string;
  attestedBy: string;
  attestedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  evidence: { url: string } | { filename: string; sha256: string; bytes: number } | null;
};

/** An agent holding all three trifecta legs with nothing breaking them (an OSCAL risk). */
export type ExposedAgent = {
  externalId: string;
  name: string;
  ownerEmail: string | null;
  legs: string[];
  reasons: string[];
};

/** One file inside a pack, before it is written: its path in the ZIP and its bytes. */
export type PackFile = { path: string; content: Buffer | (() => AsyncIterable<Buffer | string>) };

/**
 * manifest.json: what a pack holds and the instant it speaks for (`asOf`, RFC 3339 UTC: the period's end, or
 * when a pack of a running period was generated). No person of generation, so two packs of the same ended
 * period give the same bytes.
 */
export type PackManifest = {
  format: 'tollgate-evidence-pack/1';
  generator: Generator;
  workspace: { id: string; name: string };
  period: { from: string; to: string };
  asOf: string;
  scope: PackScope;
  files: PackManifestFile[];
};
export type PackManifestFile = { path: string; sha256: string; bytes: number };

/** signature.json: who generated the pack and when, and an Ed25519 signature over the exact manifest.json bytes. */
export type PackSignature = {
  format: 'tollgate-evidence-pack/1';
  manifestSha256: string;
  algorithm: 'Ed25519';
  keyId: string;
  publicKeyPem: string;
  signature: string;
  generatedBy: string;
  generatedAt: string;
};

/** One evidence set as the report lists it: its CSV and JSON file names in the pack, its row count and a note. */
export type EvidenceSetSummary = { title: string; csv: string; json: string; rows: number; note: string };

/** Everything the readable report (HTML and PDF) shows; nothing in it reads the clock. */
export type ReportInput = {
  workspace: { id: string; name: string };
  period: Period;
  scope: PackScope;
  generator: Generator;
  posture: PostureAsOf;
  /** The instant the pack speaks for: the period's end, or the moment of generation while it runs. */
  asOf: Date;
  evidenceSets: EvidenceSetSummary[];
  auditChain: { ok: boolean; message: string };
};
