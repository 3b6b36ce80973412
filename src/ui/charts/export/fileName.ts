/** A file name from a chart's title: "Adaptation to new tasks" -> "adaptation-to-new-tasks.csv". */
export function exportFileName(title: string, extension: 'csv' | 'svg' | 'png'): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${stem === '' ? 'chart' : stem}.${extension}`;
}
