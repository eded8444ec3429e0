import { Badge } from '../../components/ui.js';
import type { ChatStatus } from '../../api/types.js';
import { describePaths } from './show-text.js';

/** How the chat is read right now: the platform's data stream and the page reader, one plain line each. */
export function ChatPaths(props: { chat: ChatStatus }) {
  if (!props.chat.connected) return null;
  return (
    <ul className="chat-paths" aria-label="How the chat is read" title={props.chat.summary}>
      {describePaths(props.chat).map((p) => (
        <li key={p.label}>
          <span className="chat-path-label">{p.label}:</span> <Badge tone={p.tone}>{p.text}</Badge>
        </li>
      ))}
    </ul>
  );
}
