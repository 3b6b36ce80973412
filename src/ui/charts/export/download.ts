/** How long a download's object URL is kept: long enough for the browser to start saving it. */
const RELEASE_AFTER_MS = 60_000;

/** Saves `blob` as a file named `fileName`, as a link with a `download` attribute would. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, RELEASE_AFTER_MS);
}
