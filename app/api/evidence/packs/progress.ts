// What the Evidence page polls: the job's progress, never its file's location.
import type { PackJob } from '@/lib/evidence/jobs.ts';

export function progressOf(job: PackJob) {
  const { id, status, fileCount, files, bytes, current, manifestSha256, error, filename } = job;
  return {
    id,
    status,
    fileCount,
    files,
    bytes,
    current,
    manifestSha256,
    error,
    filename,
    download: status === 'done' ? `/api/evidence/packs/${id}/download` : null,
  };
}
