// Where a SARIF log says the classified file is. Relative to the directory the command ran in when the file is
// under it (uriBaseId %SRCROOT%: GitHub code scanning resolves it against the checkout), else an absolute file URI.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SarifArtifactLocation } from './types.ts';

export const SRCROOT = '%SRCROOT%';

export function artifactLocation(file: string, cwd: string): SarifArtifactLocation {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
    return { uri: pathToFileURL(absolute).href };
  // A relative URI reference: '/' between segments, each percent-encoded (a space, '#', '?' or ':' stays data).
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}
