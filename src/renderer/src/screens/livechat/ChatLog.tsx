import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Empty } from '../../components/ui.js';
import type { ChatLine } from '../../api/types.js';
import { countAfter, type LogLine } from '../../stores/chat-lines.js';
import { ChatRow, type LineAction } from './ChatRow.js';

/** How close to the bottom still counts as "at the bottom" (follows new lines). */
const BOTTOM_SLACK_PX = 40;
/** The screen-reader summary is spoken at most this often: a busy chat is not read aloud line by line. */
const ANNOUNCE_EVERY_MS = 10_000;

export interface ChatLogProps {
  lines: LogLine[];
  hideBot: boolean;
  historyAvailable: boolean;
  /** Stable (the screen's useCallback): rows are memoised on it. */
  onAction: (action: LineAction, line: ChatLine) => void;
}

/**
 * The live chat log. Follows new lines while the reader is at the bottom; scrolled up, it stays put (scroll
 * anchoring keeps the view still as old lines leave the top) and a pill counts what arrived below. The store
 * keeps at most LINES_MAX lines, so at most that many rows are mounted. Keyboard: the list is one Tab stop,
 * arrows/Home/End move between lines, Enter opens a line's actions.
 */
export const ChatLog = memo(function ChatLog(props: ChatLogProps) {
  const { lines, hideBot } = props;
  const visible = useMemo(() => (hideBot ? lines.filter((l) => l.sender !== 'bot') : lines), [lines, hideBot]);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  /** Arrival number of the last line shown when the reader scrolled up; null while following. */
  const [mark, setMark] = useState<number | null>(null);
  const [active, setActive] = useState<string | null>(null);

  // After React has written the new rows and before paint: one layout read, one write.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [visible]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    if (bottom === stick.current) return;
    stick.current = bottom;
    setMark(bottom ? null : (visible.at(-1)?.seq ?? -1));
  };

  const jumpToLatest = () => {
    const el = scroller.current;
    stick.current = true;
    setMark(null);
    if (el) el.scrollTop = el.scrollHeight;
  };

  const unseen = mark === null ? 0 : countAfter(visible, mark);
  const tabStop = visible.some((l) => l.key === active) ? active : (visible.at(-1)?.key ?? null);

  const onKeyDown = (e: KeyboardEvent) => {
    const row = e.target as HTMLElement;
    if (!row.dataset.key) return;
    const list = row.parentElement!;
    const next =
      e.key === 'ArrowDown' ? row.nextElementSibling
      : e.key === 'ArrowUp' ? row.previousElementSibling
      : e.key === 'Home' ? list.firstElementChild
      : e.key === 'End' ? list.lastElementChild
      : undefined;
    if (next === undefined) return;
    e.preventDefault();
    if (next instanceof HTMLElement) next.focus();
  };

  return (
    <div className="chat-log">
      <div className="chat-lines" ref={scroller} onScroll={onScroll}>
        {visible.length === 0 ? (
          <Empty>
            {hideBot && lines.length > 0
              ? 'Only bot lines so far (hidden by the filter).'
              : props.historyAvailable
                ? 'No chat lines yet. They appear live once the chat is connected.'
                : 'Chat history is not available in this build; new lines appear live.'}
          </Empty>
        ) : (
          <div
            role="list"
            aria-label="Chat messages"
            className="chat-rows"
            onKeyDown={onKeyDown}
            onFocus={(e) => {
              const key = (e.target as HTMLElement).closest<HTMLElement>('[data-key]')?.dataset.key;
              if (key && key !== active) setActive(key);
            }}
          >
            {visible.map((l) => (
              <ChatRow key={l.key} line={l} tabbable={l.key === tabStop} onAction={props.onAction} />
            ))}
          </div>
        )}
      </div>
      {unseen > 0 && (
        <button type="button" className="new-pill" onClick={jumpToLatest}>
          ↓ {unseen} new message{unseen === 1 ? '' : 's'}
        </button>
      )}
      <Announcer lines={visible} />
    </div>
  );
});

/** A polite live region that sums up what arrived every ANNOUNCE_EVERY_MS ("4 new chat messages, latest from ann"). */
function Announcer(props: { lines: LogLine[] }) {
  const latest = useRef(props.lines);
  const said = useRef<number>(props.lines.at(-1)?.seq ?? -1);
  const [text, setText] = useState('');
  useEffect(() => {
    latest.current = props.lines;
  }, [props.lines]);
  useEffect(() => {
    const timer = setInterval(() => {
      const lines = latest.current;
      const n = countAfter(lines, said.current);
      if (n === 0) return;
      said.current = lines.at(-1)!.seq;
      setText(`${n} new chat message${n === 1 ? '' : 's'}, latest from ${lines.at(-1)!.username}`);
    }, ANNOUNCE_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
