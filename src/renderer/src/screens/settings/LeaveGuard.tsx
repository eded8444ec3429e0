import { useEffect, useState } from 'react';
import type { Section } from '../../stores/settings.js';

interface Pending {
  href: string;
  sections: Section[];
}

/**
 * Stops a navigation away from the screen while there are unsaved edits: a click on a link to another screen
 * (caught before the app's router sees the hash change) asks first; closing or reloading the window gets the
 * browser's own prompt.
 */
export function useLeaveGuard(dirtySections: () => Section[]) {
  const [pending, setPending] = useState<Pending | null>(null);
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href^="#/"]');
      const href = link?.getAttribute('href');
      if (!href || href === window.location.hash || href === '#/settings') return;
      const sections = dirtySections();
      if (sections.length === 0) return;
      e.preventDefault();
      e.stopPropagation();
      setPending({ href, sections });
    };
    const onUnload = (e: BeforeUnloadEvent) => {
      if (dirtySections().length === 0) return;
      e.preventDefault();
      e.returnValue = '';
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return {
    pending,
    stay: () => setPending(null),
    leave: () => {
      const href = pending?.href;
      setPending(null);
      if (href) window.location.hash = href;
    },
  };
}

export function UnsavedDialog(props: {
  sections: string[];
  saving: boolean;
  onStay: () => void;
  onDiscard: () => void;
  onSave: () => Promise<void>;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onStay();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.onStay]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="unsaved-title" aria-describedby="unsaved-text">
        <h2 id="unsaved-title">Unsaved changes</h2>
        <p id="unsaved-text">You changed {props.sections.join(', ')} without saving. Leave this screen anyway?</p>
        <div className="row">
          <button type="button" className="btn btn-primary" disabled={props.saving} onClick={() => void props.onSave()}>
            {props.saving ? 'Saving…' : 'Save and leave'}
          </button>
          <button type="button" className="btn btn-ghost-danger" disabled={props.saving} onClick={props.onDiscard}>
            Discard and leave
          </button>
          <span className="spacer" />
          <button type="button" className="btn btn-ghost" autoFocus onClick={props.onStay}>
            Stay
          </button>
        </div>
      </div>
    </div>
  );
}
