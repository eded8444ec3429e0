import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Empty } from '../../components/ui.js';
import type { ChatLine } from '../../api/types.js';
import { countAfter, type LogLine } from '../../stores/chat-lines.js';
import { ChatRow, type LineAction } from './ChatRow.js';

/** How close to the bottom still counts as "at the bottom" (follows new lines). */
const BOTTOM_SLACK_PX = 40;
/** Rows mounted while following the newest line (a few screens' worth); scrolled up, more are mounted as needed. */
const FOLLOW_ROWS = 120;
/** Scrolled this close to the top of the mounted rows, older ones are mounted above. */
const TOP_SLACK_PX = 400;
/** A scroll this soon after a wheel, touch, key or pointer gesture is the reader's; any other is a layout shift. */
const GESTURE_MS = 600;
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
 * The live chat log. Follows new lines while the reader is at the bottom, with only the newest FOLLOW_ROWS rows
 * mounted (each update lays out and diffs few rows). Scrolled up, it stays put (scroll anchoring keeps the view
 * still as rows come and go above it), mounts older rows as the reader nears the top (at most the store's
 * LINES_MAX), and a pill counts what arrived below. Keyboard: the list is one Tab stop,
 * arrows/Home/End move between lines, Enter opens a line's actions.
 */
export const ChatLog = memo(function ChatLog(props: ChatLogProps) {
  const { lines, hideBot } = props;
  const visible = useMemo(() => (hideBot ? lines.filter((l) => l.sender !== 'bot') : lines), [lines, hideBot]);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const gestureAt = useRef(-Infinity);
  /** Arrival number of the last line shown when the reader scrolled up; null while following. */
  const [mark, setMark] = useState<number | null>(null);
  const [active, setActive] = useState<string | null>(null);
  /** While scrolled up: the arrival number of the first mounted row; null while following. */
  const [from, setFrom] = useState<number | null>(null);
  const shown = useMemo(() => {
    if (from === null) return visible.length > FOLLOW_ROWS ? visible.slice(-FOLLOW_ROWS) : visible;
    const i = visible.findIndex((l) => l.seq >= from);
    return i <= 0 ? visible : visible.slice(i);
  }, [visible, from]);

  // After React has written the new rows and before paint: one layout read, one write.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [shown]);

  // Rows grow after they are first laid out (off-screen rows are skipped until seen): stay on the newest line.
  const hasRows = visible.length > 0;
  useEffect(() => {
    const el = scroller.current;
    if (!hasRows || !list.current || !el) return;
    const ro = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    ro.observe(list.current);
    return () => ro.disconnect();
  }, [hasRows]);

  const gesture = () => {
    gestureAt.current = performance.now();
  };
  /** Scrolled up near the top of the mounted rows: mount up to FOLLOW_ROWS older ones above (anchoring holds the view). */
  const mountOlder = (el: HTMLElement) => {
    const first = shown[0];
    if (stick.current || el.scrollTop >= TOP_SLACK_PX || !first || first === visible[0]) return;
    setFrom(visible[Math.max(0, visible.indexOf(first) - FOLLOW_ROWS)]!.seq);
  };
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    if (bottom) {
      if (!stick.current) {
        stick.current = true;
        setMark(null);
        setFrom(null);
      }
    } else if (stick.current) {
      // Only the reader scrolls away from the newest line; old lines leaving the top must not.
      if (performance.now() - gestureAt.current < GESTURE_MS) {
        stick.current = false;
        setMark(visible.at(-1)?.seq ?? -1);
        setFrom(shown[0]?.seq ?? null);
        mountOlder(el);
      } else el.scrollTop = el.scrollHeight;
    } else mountOlder(el);
  };

  const jumpToLatest = () => {
    const el = scroller.current;
    stick.current = true;
    setMark(null);
    setFrom(null);
    if (el) el.scrollTop = el.scrollHeight;
  };

  const unseen = mark === null ? 0 : countAfter(visible, mark);
  const tabStop = shown.some((l) => l.key === active) ? active : (shown.at(-1)?.key ?? null);

  const onKeyDown = (e: KeyboardEvent) => {
    const row = e.target as HTMLElement;
    if (!row.dataset.key) return;
    const list = row.parentElement!;
    const next =
      e.key === 'ArrowDown'
        ? row.nextElementSibling
        : e.key === 'ArrowUp'
          ? row.previousElementSibling
          : e.key === 'Home'
            ? list.firstElementChild
            : e.key === 'End'
              ? list.lastElementChild
              : undefined;
    if (next === undefined) return;
    e.preventDefault();
    if (next instanceof HTMLElement) next.focus();
  };

  return (
    <div className="chat-log">
      <div
        className="chat-lines"
        ref={scroller}
        onScroll={onScroll}
        onWheel={(e) => {
          gesture();
          // At the very top a wheel scrolls nothing (no scroll event): it still asks for older rows.
          if (e.deltaY < 0) mountOlder(e.currentTarget);
        }}
        onTouchMove={gesture}
        onPointerDown={gesture}
        onKeyDown={gesture}
      >
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
            ref={list}
            role="list"
            aria-label="Chat messages"
            className="chat-rows"
            onKeyDown={onKeyDown}
            onFocus={(e) => {
              const key = (e.target as HTMLElement).closest<HTMLElement>('[data-key]')?.dataset.key;
              if (key && key !== active) setActive(key);
            }}
          >
            {shown.map((l) => (
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
