/** Saves `json` as a file named `name` through the browser's download (settings export, site report). */
export function downloadJson(file: { name: string; json: string }): void {
  const url = URL.createObjectURL(new Blob([file.json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  // After the click has handed the URL to the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
