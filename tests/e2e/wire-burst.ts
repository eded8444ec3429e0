import type { ChatLine } from '../../src/main/domains/chat/types.js';

export interface BurstTarget {
  practice(method: string, path: string, body?: unknown): Promise<any>;
  lines: ChatLine[];
  waitFor<T>(what: string, fn: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
}

/**
 * Injects `batches` x 10 lines (unique texts) into the practice stream while breaking and mending its paths between
 * batches: the DOM made unreadable (markup "alternate") and back, the socket dropped (the page rejoins and the
 * channel replays what it missed), frames stopped and flowing again. Returns how often each injected text reached
 * the gateway once everything is in.
 */
export async function burstAcrossSwitches(h: BurstTarget, batches = 20): Promise<{ texts: string[]; counts: Map<string, number>; history: number }> {
  const texts: string[] = [];
  const seen = (t: string) => h.lines.some((l) => l.text === t);
  const inject = async (b: number) => {
    const messages = Array.from({ length: 10 }, (_, i) => ({ username: `burst_${b}_${i}`, text: `burst line ${b}.${i}` }));
    texts.push(...messages.map((m) => m.text));
    await h.practice('POST', '/inject', { messages });
  };
  const allSeen = (what: string) =>
    h
      .waitFor(what, () => texts.every(seen), 15_000)
      .catch((err: Error) => {
        throw new Error(`${err.message}; missing: ${texts.filter((t) => !seen(t)).join(', ')}`);
      });
  // No waiting between the switches: a line in flight across a socket drop, or said while frames were stopped
  // and not yet fetched when they resume, must still reach the page (it fetches from where it was) and the reader.
  const switches: (() => Promise<unknown>)[] = [
    () => h.practice('POST', '/paths', { markup: 'alternate' }),
    () => h.practice('POST', '/socket/drop', {}),
    () => h.practice('POST', '/paths', { markup: 'whatnot' }),
    () => h.practice('POST', '/paths', { frames: 'stopped' }),
    () => h.practice('POST', '/paths', { frames: 'flowing' }),
  ];
  for (let b = 0; b < batches; b++) {
    await inject(b);
    if (b % 2 === 1) await switches[((b - 1) / 2) % switches.length]!();
  }
  await h.practice('POST', '/paths', { frames: 'flowing', markup: 'whatnot' });
  await allSeen('every burst line');
  // A last line through the DOM alone: once it is in, the page has pushed every row before it and the socket
  // every frame before the stop, so no late copy of a burst line is still on its way.
  await h.practice('POST', '/paths', { frames: 'stopped' });
  await h.practice('POST', '/inject', { username: 'burst_end', text: 'after the burst' });
  await h.waitFor('the last line', () => seen('after the burst'), 15_000);
  await h.practice('POST', '/paths', { frames: 'flowing' });
  const counts = new Map(texts.map((t) => [t, h.lines.filter((l) => l.text === t).length]));
  const history = h.lines.filter((l) => l.history && texts.includes(l.text)).length;
  return { texts, counts, history };
}
