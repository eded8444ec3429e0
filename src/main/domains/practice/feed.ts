import { newMsgPayload, type JsonObject } from './phoenix.js';
import type { PracticeStream } from './stream.js';

/** Most lines one answer carries; a page further behind asks again at once (`more`). */
const FEED_PAGE = 500;

export interface FeedAnswer {
  /** Every visible line up to this sequence number is in this answer or was after `after` in an earlier one. */
  cursor: number;
  /** More lines wait after `cursor`: ask again at once. */
  more: boolean;
  live: boolean;
  viewers: number;
  msgs: JsonObject[];
}

/** An open stream: where its page is, and how to send to it. */
interface Reader {
  cursor: number;
  send: (a: FeedAnswer) => boolean;
}

/**
 * The page's source of chat besides the socket (practice only; not Whatnot traffic): what it missed while its
 * socket was down (`read`), and all of its chat while frames are stopped (`open`: a stream that gets each line
 * the moment it is appended, so chat shown through the DOM path reaches the page as fast as a frame would and
 * its latency can be measured on the server's side).
 */
export class PracticeFeed {
  private readers = new Set<Reader>();
  private unsubscribe: () => void;

  constructor(
    private stream: PracticeStream,
    private livestreamId: () => string,
  ) {
    this.unsubscribe = stream.subscribe((ev) => {
      if (ev.t === 'msgs' || ev.t === 'state' || (ev.t === 'control' && ev.control.action === 'reset')) this.wake(ev.t !== 'msgs');
    });
  }

  /** Visible lines after `after`, oldest first, at most a page of them. */
  read(after: number): FeedAnswer {
    const all = this.stream.visibleAfter(after);
    const page = all.length > FEED_PAGE ? all.slice(0, FEED_PAGE) : all;
    const more = page.length < all.length;
    const id = this.livestreamId();
    return {
      cursor: more ? page[page.length - 1]!.seq : Math.max(after, this.stream.lastSeq),
      more,
      live: this.stream.live,
      viewers: this.stream.viewers,
      msgs: page.map((m) => newMsgPayload(m, id)),
    };
  }

  /** Sends everything after `after` now, then each new line as it comes, until the returned close is called. */
  open(after: number, send: (a: FeedAnswer) => boolean): () => void {
    const r: Reader = { cursor: after, send };
    this.readers.add(r);
    this.push(r, true);
    return () => this.readers.delete(r);
  }

  close(): void {
    this.unsubscribe();
    this.readers.clear();
  }

  private push(r: Reader, always: boolean): void {
    for (;;) {
      const a = this.read(r.cursor);
      if (!a.msgs.length && !always) return;
      r.cursor = a.cursor;
      if (!r.send(a)) return void this.readers.delete(r);
      if (!a.more) return;
      always = false;
    }
  }

  private wake(always: boolean): void {
    for (const r of [...this.readers]) this.push(r, always);
  }
}
