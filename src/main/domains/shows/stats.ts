import type { ShowStats, StreamEvent } from './schema.js';

export function emptyStats(): ShowStats {
  return {
    messages: 0,
    chatters: 0,
    joins: 0,
    botMessages: 0,
    faqAnswers: 0,
    welcomes: 0,
    giveawayEntries: 0,
    winnersDrawn: 0,
    tips: 0,
    tipTotals: {},
    raids: 0,
    raidViewers: 0,
    itemsSold: 0,
    salesTotals: {},
    platformGiveawaysWon: 0,
    peakViewers: null,
  };
}

/** Stats as stored, with any field a newer version added filled with its zero. */
export function parseStats(json: string): ShowStats {
  let raw: Partial<ShowStats> = {};
  try {
    raw = JSON.parse(json) as Partial<ShowStats>;
  } catch {
    /* an unreadable row counts as empty rather than hiding the show */
  }
  return { ...emptyStats(), ...raw };
}

function addTo(totals: Record<string, number>, currency: string | null, amount: number | null): void {
  if (amount === null || !Number.isFinite(amount)) return;
  const key = currency ?? '?';
  // Cents are summed as integers so 0.1 + 0.2 stays 0.3.
  totals[key] = Math.round(((totals[key] ?? 0) + amount) * 100) / 100;
}

/** Counts one stream event into a show's figures. */
export function countStreamEvent(stats: ShowStats, e: StreamEvent): void {
  switch (e.type) {
    case 'tip':
      stats.tips++;
      if (e.amount !== null) addTo(stats.tipTotals, e.currency, e.amount * (e.quantity ?? 1));
      return;
    case 'raid':
      if (e.direction !== 'incoming') return;
      stats.raids++;
      stats.raidViewers += e.viewers ?? 0;
      return;
    case 'product':
      if (e.action !== 'sold') return;
      stats.itemsSold++;
      addTo(stats.salesTotals, e.currency, e.price);
      return;
    case 'giveaway':
      if (e.phase === 'won') stats.platformGiveawaysWon++;
      return;
  }
}
