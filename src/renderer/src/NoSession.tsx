/** Shown without a valid session token: the dashboard is only reachable from the app or the printed URL. */
export function NoSession(props: { expired: boolean }) {
  return (
    <div className="no-session">
      <div className="no-session-card">
        <img src="/favicon.svg" alt="" width={56} height={56} />
        <h1>{props.expired ? 'This dashboard session has ended' : 'Open BuzzChat from the app'}</h1>
        <p>
          {props.expired
            ? 'BuzzChat was restarted, so this page’s session is no longer valid.'
            : 'This page needs the session BuzzChat creates each time it starts.'}
        </p>
        <ul>
          <li>
            <strong>Desktop app:</strong> use the BuzzChat window (or its tray icon → Show).
          </li>
          <li>
            <strong>Headless:</strong> open the address printed by <code>buzzchat serve</code>; it ends with <code>#token=…</code>.
          </li>
        </ul>
      </div>
    </div>
  );
}
