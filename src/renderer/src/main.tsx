import './zod-setup.js';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client.js';
import { App } from './App.js';
import { NoSession } from './NoSession.js';
import { forgetToken, obtainToken } from './session.js';
import './styles.css';

/** Picks the session token once, then either the dashboard or the "how to open BuzzChat" screen. */
function Root() {
  const [token] = useState(() => obtainToken());
  const [expired, setExpired] = useState(false);
  const api = useMemo(
    () =>
      token
        ? new ApiClient({
            token,
            onUnauthorized: (err) => {
              if (err.code === 'INVALID_API_KEY') {
                forgetToken();
                setExpired(true);
              }
            },
          })
        : null,
    [token],
  );
  useEffect(() => {
    document.title = expired || !api ? 'BuzzChat — not connected' : 'BuzzChat';
  }, [expired, api]);
  if (!api || expired) return <NoSession expired={expired} />;
  return <App api={api} onUnauthorized={() => (forgetToken(), setExpired(true))} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
