import { useEffect, useState } from 'react';
import { Icon } from '../../components/icons.js';
import type { DrawResult } from '../../api/types.js';
import { prefersReducedMotion } from './clock.js';

/** How long the drumroll lasts before the names show. */
export const REVEAL_MS = 1400;

/**
 * The draw's reveal: a short drumroll, then the winners the API returned. It never shows a name that did not
 * win (no spinning wheel landing somewhere): the names appear only once, and they are the real ones. With
 * prefers-reduced-motion the names show at once.
 */
export function Reveal(props: { draw: DrawResult & { key: number }; onShown: () => void; onDone: () => void }) {
  const [shown, setShown] = useState(prefersReducedMotion);
  useEffect(() => {
    if (shown) {
      props.onShown();
      return;
    }
    const id = setTimeout(() => setShown(true), REVEAL_MS);
    return () => clearTimeout(id);
  }, [shown]); // eslint-disable-line react-hooks/exhaustive-deps
  const d = props.draw;
  const title = d.replaced ? `Rerolled ${d.replaced}: the new winner is` : d.winners.length > 1 ? 'The winners are' : 'The winner is';
  return (
    <div className={`reveal ${shown ? 'reveal-shown' : 'reveal-rolling'}`} role="status" aria-live="polite" aria-label="Draw result">
      {!shown ? (
        <div className="reveal-roll">
          <span className="reveal-gift" aria-hidden="true">
            <Icon name="gift" size={36} />
          </span>
          <span>Drawing from {d.entriesCount} entries…</span>
        </div>
      ) : (
        <>
          <div className="reveal-title">{title}</div>
          <ul className="reveal-names">
            {d.winners.map((w, i) => (
              <li key={w} style={{ animationDelay: `${i * 120}ms` }}>
                <Icon name="trophy" size={22} /> {w}
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-small btn-ghost" onClick={props.onDone}>
            Done
          </button>
        </>
      )}
    </div>
  );
}
