import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from './api/client.js';
import { connectEvents } from './api/events.js';
import { StoresContext, useArea } from './hooks.js';
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

  const View = SCREENS.find((s) => s.id === screen)!.view;
  return (
    <StoresContext.Provider value={stores}>
      <div className="shell">
        <Sidebar current={screen} />
        <main className="content">
          {/* Remount per screen so each screen loads fresh data when opened. */}
          <View key={screen} />
        </main>
        <Shortcuts />
      </div>
    </StoresContext.Provider>
  );
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
    </aside>
  );
}
