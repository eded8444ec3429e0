import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge, Card, Notice, Toggle } from '../components/ui.js';
import { useArea, useStores } from '../hooks.js';
import type { ChatLine } from '../api/types.js';
import { queuedCount } from '../stores/chat.js';
import { ChatLog } from './livechat/ChatLog.js';
import type { LineAction } from './livechat/ChatRow.js';
import { faqPrefillHash } from './livechat/faq-prefill.js';
import { Outgoing } from './livechat/Outgoing.js';
import { SearchBox, SearchResults } from './livechat/SearchPanel.js';
import { SendBox } from './livechat/SendBox.js';

/** The screen a seller keeps open during a show: the chat, their own messages, line actions, search. */
export function LiveChat() {
  const c = useArea('chat');
  const stores = useStores();
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void c.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // Stable for the memoised log: reads the store when called.
  const onAction = useCallback(
    (action: LineAction, line: ChatLine) => {
      if (action === 'reply') {
        const mention = `@${line.username} `;
        setDraft((d) => (d.startsWith(mention) ? d : mention + d));
        requestAnimationFrame(() => {
          const el = input.current;
          el?.focus();
          el?.setSelectionRange(el.value.length, el.value.length);
        });
      } else if (action === 'faq') {
        window.location.hash = faqPrefillHash(line.text);
      } else {
        void stores.chat.getState().moderate(action, line.username);
      }
    },
    [stores],
  );

  const queued = queuedCount(c.outgoing);
  return (
    <div className="screen screen-chat">
      <h1>Live chat</h1>
      <Notice tone="bad">{c.error}</Notice>
      <div className="chat-layout">
        <Card
          title="Chat"
          className="chat-card"
          actions={
            <>
              <SearchBox active={c.search !== null} onSearch={(q) => void c.runSearch(q)} onClear={c.clearSearch} />
              <Toggle checked={c.hideBot} onChange={c.setHideBot} label="Hide bot lines" />
            </>
          }
        >
          {c.notice && (
            <Notice tone={c.notice.tone} onDismiss={c.dismissNotice}>
              {c.notice.text}
            </Notice>
          )}
          {c.search ? (
            <SearchResults search={c.search} onMore={() => void c.searchMore()} />
          ) : (
            <ChatLog lines={c.lines} hideBot={c.hideBot} historyAvailable={c.historyAvailable} onAction={onAction} />
          )}
          <SendBox draft={draft} setDraft={setDraft} ref={input} sending={c.sending} error={c.sendError} onSend={c.send} />
          <p className="muted small">
            Sent as you, whether the bot is on or off. Press <kbd>/</kbd> to write here from any screen, <kbd>?</kbd> for all shortcuts.
          </p>
        </Card>
        <Card
          title={
            <>
              Send queue <Badge tone={queued > 0 ? 'info' : 'muted'}>{queued} waiting</Badge>
            </>
          }
        >
          <Outgoing messages={c.outgoing} />
        </Card>
      </div>
    </div>
  );
}
