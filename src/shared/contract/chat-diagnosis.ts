import { z } from 'zod';
import { accountQuery } from './op.js';

/** `buzzchat doctor`, the dashboard's "Check this page" and "Export site report": what reads the chat, and what is wrong. */

const selectorMatch = z.object({ matched: z.string().nullable(), tried: z.array(z.string()) });

export const chatProblemSchema = z.object({
  code: z
    .enum([
      'not-connected',
      'page-unreadable',
      'no-container',
      'no-rows',
      'no-username',
      'no-text',
      'no-input',
      'wire-silent',
      'wire-no-chat',
      'wire-malformed',
      'not-live',
    ])
    .describe('Stable id of the problem, for scripts'),
  severity: z
    .enum(['error', 'warning', 'info'])
    .describe('error: chat cannot be read or posted; warning: one reader is down or partial; info: worth knowing'),
  message: z.string().describe('What is wrong, in plain words'),
  fix: z.string().describe('What to do about it'),
});
export type ChatProblem = z.infer<typeof chatProblemSchema>;

export const chatDiagnosisSchema = z.object({
  accountId: z.string(),
  platform: z.string(),
  checkedAt: z.string(),
  connected: z.boolean(),
  live: z.boolean(),
  url: z.string().nullable(),
  healthy: z.boolean().describe('No error or warning'),
  problems: z.array(chatProblemSchema).describe('Errors first, then warnings, then notes'),
  selectors: z
    .record(z.string(), selectorMatch)
    .describe('Per selector role: the selector that matched on the page now (null = none) and those tried, in order'),
  page: z
    .object({
      container: z.string().nullable().describe('The chat container selector the page reader is attached to'),
      rows: z.number().int().describe('Rows in the chat container now'),
      parsed: z.number().int().describe('Rows read as a line (a name, and a text for messages)'),
      missingName: z.number().int().describe('Rows with no username'),
      missingText: z.number().int().describe('Message rows with no text'),
    })
    .nullable()
    .describe('What the page reader sees now; null when no chat page answered'),
  wire: z.object({
    available: z.boolean().describe("The platform's data stream has a decoder"),
    live: z.boolean().describe('Frames were read in the last minute'),
    framesPerMin: z.number().int(),
    framesByType: z
      .record(z.string(), z.number().int())
      .describe('Frames in the last minute by the event types they held (unknown, malformed, empty: none we use)'),
    eventsByType: z.record(z.string(), z.number().int()).describe('Events read in the last minute, by type'),
    unknown: z.number().int(),
    malformed: z.number().int(),
    lastChatAt: z.string().nullable().describe('When the data stream last carried a chat line or join'),
  }),
  dom: z.object({ live: z.boolean(), rowsPerMin: z.number().int(), role: z.enum(['primary', 'fallback']) }),
  lastLines: z
    .array(z.object({ username: z.string(), text: z.string(), kind: z.enum(['message', 'join']), path: z.enum(['wire', 'dom']), at: z.string() }))
    .describe('The last 5 lines delivered, oldest first, with the reader that delivered each'),
  summary: z.string(),
});
export type ChatDiagnosis = z.infer<typeof chatDiagnosisSchema>;

const frameSampleSchema = z.object({
  at: z.string(),
  source: z.enum(['frame', 'body']).describe('A WebSocket frame or an HTTP response body'),
  result: z.enum(['ok', 'unknown', 'malformed']),
  events: z.array(z.string()),
  detail: z.string().nullable().describe("The decoder's reason for refusing it (quoted parts masked)"),
  chars: z.number().int(),
  payload: z
    .unknown()
    .describe('The frame parsed (JSON, IRC lines or text) with every string masked except keys and event names; null when it was too large to keep'),
});

export const siteReportSchema = z.object({
  format: z.literal('buzzchat-site-report/1'),
  appVersion: z.string(),
  platform: z.string(),
  pageUrl: z.string().nullable().describe('Origin and path of the chat page; no query string or fragment'),
  createdAt: z.string(),
  selectors: z.record(z.string(), selectorMatch),
  problems: z.array(chatProblemSchema),
  page: chatDiagnosisSchema.shape.page,
  wire: chatDiagnosisSchema.shape.wire,
  markup: z
    .object({
      root: z.enum(['chat-container', 'document-body']).describe('The chat container, or the whole page body when no container selector matched'),
      selector: z.string().nullable(),
      html: z
        .string()
        .describe('Every text and every attribute that may carry a name or message masked (letters x, digits 0); tags, classes and test ids kept'),
      truncated: z.boolean(),
      rowsTotal: z.number().int(),
      rowsKept: z.number().int(),
    })
    .nullable()
    .describe('null when no chat page is open'),
  frames: z
    .record(z.string(), z.array(frameSampleSchema))
    .describe('Up to 20 recent frames per event type (and unknown, malformed, empty), oldest first'),
});
export type SiteReport = z.infer<typeof siteReportSchema>;

export const chatDiagnoseQuery = accountQuery.strict();

/** The file name a report downloads as, e.g. buzzchat-site-report-whatnot-2025-01-24T10-00-00Z.json. */
export function siteReportFileName(r: Pick<SiteReport, 'platform' | 'createdAt'>): string {
  const stamp = r.createdAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `buzzchat-site-report-${r.platform.replace(/[^a-z0-9-]/gi, '')}-${stamp}.json`;
}
