/**
 * Saves `blob` as `fileName` in the H5 portal through a temporary link: the browser's own download,
 * which works for files made in the page and for ones fetched with the signed-in token.
 */
export function saveInBrowser(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the object URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
