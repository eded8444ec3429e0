import { z } from 'zod';
import { accountQuery } from '../../http/route.js';

export const entrySchema = z.object({
  username: z.string(),
  timestamp: z.string().describe('When the entry was accepted (ISO 8601)'),
  source: z.string().describe('chat or api'),
});
export type EntryView = z.infer<typeof entrySchema>;

export const entriesQuery = accountQuery
  .extend({
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const entriesResponse = z.object({
  entries: z.array(entrySchema),
  count: z.number().int().describe('All entries of the current round'),
  uniqueUsers: z.number().int(),
  roundId: z.number().int(),
});
export type EntriesView = z.infer<typeof entriesResponse>;

export const pickWinnerBody = z
  .object({
    count: z.number().int().min(1, 'count must be at least 1').default(1).describe('Winners to draw: 1 up to the number of eligible entrants'),
  })
  .strict();

export const pickWinnerResponse = z.object({
  winners: z.array(z.string()),
  timestamp: z.string(),
  drawId: z.string(),
  entriesCount: z.number().int(),
});
export type DrawResultView = z.infer<typeof pickWinnerResponse>;

export const addEntryBody = z.object({ username: z.string().trim().min(1).max(100) }).strict();

export const rerollBody = z
  .object({
    drawId: z.string().min(1).optional().describe('Draw to reroll; defaults to the latest'),
    username: z.string().min(1).describe('Winner to replace'),
  })
  .strict();

export const drawSchema = z.object({
  drawId: z.string(),
  roundId: z.number().int(),
  count: z.number().int(),
  winners: z.array(z.string()),
  entriesCount: z.number().int(),
  method: z.string(),
  timestamp: z.string(),
});
export type DrawView = z.infer<typeof drawSchema>;
