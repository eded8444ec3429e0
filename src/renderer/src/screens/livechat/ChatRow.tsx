import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatTime } from '../../format.js';
import type { ChatLine } from '../../api/types.js';

export type LineAction = 'reply' | 'faq' | 'hide' | 'timeout';

const CAUSE_LABEL: Record<string, string> = {
  welcome: 'welcome',
  faq: 'FAQ',
  timer: 'timer',
  command: 'command',
  api: 'integration',
  giveaway: 'giveaway',
  moderation: 'moderation',
};

/** The "bot" / "you" tag that tells the bot's lines from the host's own, the same for live and stored lines. */
export function SenderTag(props: { line: ChatLine }) {
  const l = props.line;
  if (l.sender === 'bot') {
    const why = l.cause ? (CAUSE_LABEL[l.cause] ?? l.cause) : null;
    return (
      <span className="chat-tag chat-tag-bot" title={why ? `Sent by the bot (${why})` : 'Sent by the bot'}>
        bot{why ? ` · ${why}` : ''}
      </span>
    );
  }
  if (l.sender === 'host')
    return (
      <span className="chat-tag chat-tag-host" title="Your own message">
        you
      </span>
    );
  return null;
}

const STATUS_TEXT = { queued: 'queued', sending: 'sending…', sent: 'sent', failed: 'failed', cancelled: 'cancelled' } as const;

function DeliveryStatus(props: { line: ChatLine }) {
  const { status, error } = props.line;
  if (status === null) return null;
  if (status === 'sent')
    return (
      <span className="chat-status chat-status-sent" title="Seen in chat">
        ✓ sent
      </span>
    );
  return (
    <span className={`chat-status chat-status-${status}`} title={error ?? undefined}>
      {STATUS_TEXT[status]}
      {error ? `: ${error}` : ''}
    </span>
  );
}

/** Actions on a viewer's line (the host's and the bot's own lines have none). */
function actionsFor(l: ChatLine): { action: LineAction; label: string }[] {
  if (l.sender !== 'viewer') return [];
  return [
    { action: 'reply', label: `Reply to @${l.username}` },
    ...(l.kind === 'message' ? [{ action: 'faq' as const, label: 'Make this an FAQ' }] : []),
    { action: 'hide', label: `Hide ${l.username}` },
    { action: 'timeout', label: `Time out ${l.username}` },
  ];
}

export interface RowProps {
  line: ChatLine;
  /** The row the list's Tab stop is on (roving tabindex). */
  tabbable: boolean;
  onAction: (action: LineAction, line: ChatLine) => void;
}

/** One chat line; re-renders only when its own line or Tab stop changes. */
export const ChatRow = memo(function ChatRow({ line, tabbable, onAction }: RowProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const actions = actionsFor(line);
  // Stable, so the open menu's effect (focus its first item, listen for outside clicks) runs once.
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);
  return (
    <div
      role="listitem"
      data-key={line.key}
      tabIndex={tabbable ? 0 : -1}
      className={`chat-line chat-${line.sender}${line.kind === 'join' ? ' chat-join' : ''}${open ? ' chat-line-open' : ''}`}
      onKeyDown={(e) => {
        // Enter, the context-menu key or Shift+F10 on the focused row opens its actions.
        if (e.target !== e.currentTarget || !actions.length) return;
        if (e.key === 'Enter' || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
          e.preventDefault();
          setOpen(true);
        }
      }}
    >
      <time dateTime={line.at}>{formatTime(line.at)}</time>
      <strong className="chat-name">{line.username}</strong>
      <SenderTag line={line} />
      <span className="chat-text">{line.kind === 'join' ? 'joined' : line.text}</span>
      <DeliveryStatus line={line} />
      {actions.length > 0 && (
        <button
          ref={button}
          type="button"
          className="line-menu-btn"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-label={`Actions for ${line.username}'s message`}
          tabIndex={tabbable ? 0 : -1}
          onClick={() => setOpen((o) => !o)}
        >
          ⋯
        </button>
      )}
      {open && (
        <LineMenu
          label={`Actions for ${line.username}'s message`}
          items={actions}
          onPick={(a) => {
            close(a !== 'reply' && a !== 'faq');
            onAction(a, line);
          }}
          onClose={close}
        />
      )}
    </div>
  );
});

/**
 * A menu of a line's actions: arrow keys move, Escape closes back to its button; a click or focus elsewhere, or
 * scrolling, closes it. Placed fixed beside its button, so the log's scrolling box does not clip it.
 */
function LineMenu(props: {
  label: string;
  items: { action: LineAction; label: string }[];
  onPick: (a: LineAction) => void;
  onClose: (refocus: boolean) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  useLayoutEffect(() => {
    const menu = ref.current;
    const anchor = menu?.parentElement?.querySelector('.line-menu-btn');
    if (!menu || !anchor) return;
    const r = anchor.getBoundingClientRect();
    const h = menu.offsetHeight;
    const w = menu.offsetWidth;
    const below = r.bottom + 4 + h <= window.innerHeight;
    menu.style.top = `${Math.max(4, below ? r.bottom + 4 : r.top - 4 - h)}px`;
    menu.style.left = `${Math.max(4, Math.min(r.right - w, window.innerWidth - w - 4))}px`;
    menu.style.visibility = 'visible';
  }, []);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const outside = (e: MouseEvent) => {
      if (!ref.current?.parentElement?.contains(e.target as Node)) onClose(false);
    };
    const scrolled = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) onClose(false);
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('scroll', scrolled, true);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('scroll', scrolled, true);
    };
  }, [onClose]);
  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const to = (n: number) => items[(n + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') to(i + 1);
    else if (e.key === 'ArrowUp') to(i - 1);
    else if (e.key === 'Home') to(0);
    else if (e.key === 'End') to(items.length - 1);
    else if (e.key === 'Escape') onClose(true);
    else if (e.key === 'Tab') return onClose(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      ref={ref}
      role="menu"
      aria-label={props.label}
      className="line-menu"
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        // Focus went elsewhere (another line, another menu): this one closes.
        if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node | null)) onClose(false);
      }}
    >
      {props.items.map((it) => (
        <button
          key={it.action}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={it.action === 'hide' || it.action === 'timeout' ? 'danger' : ''}
          onClick={() => props.onPick(it.action)}
        >
          {it.label}
        </button>
      ))}
    </div>
  );
}
