import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from './api/client.js';
import { connectEvents } from './api/events.js';
import { StoresContext, useArea } from './hooks.js';
import { AlertOptions, AlertStrip } from './components/AlertStrip.js';
import { Icon, type IconName } from './components/icons.js';
import { createStores } from './stores/index.js';
import { Accounts } from './screens/Accounts.js';
import { Analytics } from './screens/Analytics.js';
import { ApiKeys } from './screens/ApiKeys.js';
import { BotSettings } from './screens/BotSettings.js';
import { Giveaway } from './screens/Giveaway.js';
import { LiveChat } from './screens/LiveChat.js';
import { Overview } from './screens/Overview.js';
import { Webhooks } from './screens/Webhooks.js';
import { Shortcuts } from './shortcuts.js';
import './styles/keyboard.css';

const SCREENS = [
  { id: 'overview', label: 'Overview', icon: 'overview', view: Overview },
  { id: 'chat', label: 'Live chat', icon: 'chat', view: LiveChat },
  { id: 'giveaway', label: 'Giveaway', icon: 'gift', view: Giveaway },
  { id: 'settings', label: 'Bot settings', icon: 'settings', view: BotSettings },
  { id: 'analytics', label: 'Analytics', icon: 'analytics', view: Analytics },
  { id: 'webhooks', label: 'Webhooks', icon: 'webhooks', view: Webhooks },
  { id: 'keys', label: 'API keys', icon: 'keys', view: ApiKeys },
  { id: 'accounts', label: 'Accounts', icon: 'accounts', view: Accounts },
] as const satisfies readonly { id: string; label: string; icon: IconName; view: () => React.JSX.Element }[];
type ScreenId = (typeof SCREENS)[number]['id'];

function screenFromHash(): ScreenId {
  // A screen may take parameters after `?` (Live chat's "Make this an FAQ" opens #/settings?faq=...).
  const id = window.location.hash.replace(/^#\/?/, '').replace(/\?.*$/, '');
  return SCREENS.some((s) => s.id === id) ? (id as ScreenId) : 'overview';
}

export function App(props: { api: ApiClient; onUnauthorized: () => void }) {
  const stores = useMemo(() => createStores(props.api), [props.api]);
  const [screen, setScreen] = useState<ScreenId>(screenFromHash);

  useEffect(() => {
    const onHash = () => setScreen(screenFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    void stores.accounts.getState().load();
    // The status strip shows on every screen, so its causes load with the shell.
    void stores.alerts.getState().load();
    const stream = connectEvents({
      token: props.api.token,
      onEvent: stores.dispatch,
      onState: (state, detail) => {
        stores.live.getState().setStream(state, detail);
        if (state === 'unauthorized') props.onUnauthorized();
      },
    });
    return () => {
      stream.close();
      stores.dispose();
    };
  }, [stores]); // eslint-disable-line react-hooks/exhaustive-deps

  const main = useRef<HTMLElement>(null);
  useFocusOnScreenChange(screen, main);

  const View = SCREENS.find((s) => s.id === screen)!.view;
  return (
    <StoresContext.Provider value={stores}>
      {/* The first thing Tab reaches; an in-page link would change the hash route, so it moves focus itself. */}
      <a
        className="skip-link"
        href="#content"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <div className="shell">
        <Sidebar current={screen} />
        <main className="content" id="content" ref={main} tabIndex={-1}>
          <AlertStrip />
          {/* Remount per screen so each screen loads fresh data when opened. */}
          <View key={screen} />
        </main>
        <Shortcuts />
      </div>
    </StoresContext.Provider>
  );
}

/**
 * A new screen takes focus at its heading (as a page load would), so keyboard and screen reader users land on
 * what they opened instead of staying in the sidebar. Not on the first screen: the skip link comes first there.
 * Before paint, and without scrolling: no jump, and a field a shortcut focuses next ("/") still wins.
 */
function useFocusOnScreenChange(screen: ScreenId, main: React.RefObject<HTMLElement | null>): void {
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h1 = main.current?.querySelector<HTMLElement>('h1');
    const target = h1 ?? main.current;
    if (!target) return;
    if (h1 && !h1.hasAttribute('tabindex')) h1.tabIndex = -1;
    target.focus({ preventScroll: true });
    main.current?.scrollTo({ top: 0 });
  }, [screen, main]);
}

function Sidebar(props: { current: ScreenId }) {
  const accounts = useArea('accounts');
  const live = useArea('live');
  const active = accounts.list.find((a) => a.isActive);
  return (
    <aside className="sidebar">
      <div className="brand">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span>BuzzChat</span>
      </div>
      <label className="account-picker">
        <span className="field-label">Account</span>
        <select
          aria-label="Active account"
          value={active?.id ?? ''}
          onChange={(e) => void accounts.switchTo(e.target.value)}
          disabled={accounts.list.length === 0 || accounts.busy !== null}
        >
          {accounts.list.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <nav className="nav">
        {SCREENS.map((s) => (
          <a
            key={s.id}
            href={`#/${s.id}`}
            className={`nav-item ${props.current === s.id ? 'nav-active' : ''}`}
            aria-current={props.current === s.id ? 'page' : undefined}
          >
            <span className="nav-icon">
              <Icon name={s.icon} />
            </span>
            {s.label}
          </a>
        ))}
      </nav>
      <div className={`stream-state stream-${live.stream}`} title={live.detail ?? undefined}>
        <span className="dot" /> {live.stream === 'open' ? 'Live updates on' : live.stream === 'unauthorized' ? 'Session ended' : 'Reconnecting…'}
      </div>
      <AlertOptions />
    </aside>
  );
}
