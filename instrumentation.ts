// Runs once when the Next server starts: removes what uploads of a crashed server left in the temp directory
// (lib/logs/upload-temp.ts; the first upload checks again, for a server started some other way).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { removeStaleUploads } = await import('./lib/logs/upload-temp.ts');
  await removeStaleUploads();
}
