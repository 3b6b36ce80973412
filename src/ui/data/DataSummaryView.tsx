import type { ArchiveSummary, DataSummary } from '../../core/datasets/summary';
import { formatCount } from '../charts/format';

const ROLES: Readonly<Record<ArchiveSummary['role'], string>> = {
  train: 'meta-training',
  test: 'held-out testing',
  'train+test': 'meta-training, with some alphabets held out for testing',
  runs: 'the 20 one-shot runs',
};

function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}

function contents(archive: ArchiveSummary): string {
  return archive.kind === 'alphabets'
    ? `${plural(archive.alphabets, 'alphabet')}, ${plural(archive.characters, 'character')}, ${plural(archive.images, 'image')}`
    : `${plural(archive.runs, 'run')}, ${plural(archive.images, 'image')}`;
}

/** Every archive the worker holds: what it holds and what it is used for. */
export function DataSummaryView({ summary }: { readonly summary: DataSummary }) {
  if (summary.archives.length === 0) return null;
  const held = summary.heldOutAlphabets;
  const hasTestArchive = summary.archives.some((archive) => archive.role === 'test');
  return (
    <>
      <div className="table-scroll">
        <table className="data-table">
          <caption>Loaded archives</caption>
          <thead>
            <tr>
              <th scope="col">Archive</th>
              <th scope="col">Holds</th>
              <th scope="col">Used for</th>
            </tr>
          </thead>
          <tbody>
            {summary.archives.map((archive) => (
              <tr key={archive.name}>
                <th scope="row" className="archive-name">
                  {archive.name}
                </th>
                <td>{contents(archive)}</td>
                <td>{ROLES[archive.role]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {held.length > 0 && (
        <p className="held-out-alphabets">
          <strong>Held out for testing</strong>
          {hasTestArchive
            ? ': '
            : ' (no evaluation archive is loaded, so these training alphabets are set aside): '}
          {held.join(', ')}.
        </p>
      )}
    </>
  );
}
