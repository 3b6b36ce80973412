import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import './results.css';

const selectFileName = (state: PlaygroundState) => state.viewing?.fileName ?? null;
const selectClose = (state: PlaygroundState) => state.closeResults;

/**
 * Says that the charts show a results file, not the live run, and closes it. Training controls
 * that would change what is underneath are off meanwhile.
 */
export function ViewingNotice() {
  const fileName = usePlayground(selectFileName);
  const close = usePlayground(selectClose);
  if (fileName === null) return null;
  return (
    <div className="notice viewing-notice" role="status">
      <p>
        Showing {fileName}: results from a file, read-only. Start and Step are off until you close
        it; the live run is kept as it was.
      </p>
      <button type="button" className="button" onClick={close}>
        Close results
      </button>
    </div>
  );
}
