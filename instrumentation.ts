// Runs once when the Next server starts: removes what uploads of a crashed server left in the temp directory
// (lib/logs/upload-temp.ts; the first upload checks again, for a server started some other way), and watches the
// evidence pack jobs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Admission control counts requests from the first one on (decision 0035).
  (await import('./lib/http/admission-gate.ts')).installAdmissionGate();
  const { removeStaleUploads } = await import('./lib/logs/upload-temp.ts');
  await removeStaleUploads();
  // Evidence packs whose worker died (this instance restarted, or another stopped) are taken over (decision 0033).
  if (process.env.DATABASE_URL) {
    const [{ watchPackJobs }, { db }, { resolveDataDir }] = await Promise.all([
      import('./lib/evidence/jobs.ts'),
      import('./lib/db.ts'),
      import('./lib/runtime/data-dir.ts'),
    ]);
    watchPackJobs(db(), resolveDataDir());
  }
}
