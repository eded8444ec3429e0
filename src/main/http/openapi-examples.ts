import { defaultSettings } from '../../shared/contract/settings.js';

/**
 * Examples for the document, taken from the API reference (its values, completed with the fields this app adds
 * so each one validates against its schema; tests/http/openapi-document.test.ts checks that they do).
 * Keyed by `<method> <path>` as in the contract.
 */
export interface OperationExample {
  request?: unknown;
  /** `data` of the success envelope. */
  data?: unknown;
  /** Top-level `message` of the success envelope. */
  message?: string;
}

const T = '2025-01-24T10:30:00Z';
const account = (id: string, name: string, isActive: boolean) => ({
  id,
  name,
  platform: 'whatnot',
  url: null,
  isActive,
  createdAt: '2025-01-20T09:00:00Z',
});
const webhook = {
  id: 'wh_abc123',
  url: 'https://example.com/webhooks/buzzchat',
  events: ['giveaway.entry', 'giveaway.winner'],
  active: true,
  disabledReason: null,
  heldEvents: 0,
  createdAt: '2025-01-24T10:00:00Z',
  updatedAt: '2025-01-24T10:00:00Z',
};

export const EXAMPLES: Record<string, OperationExample> = {
  'get /analytics': {
    data: {
      totalMessages: 1250,
      welcomeMessages: 450,
      faqReplies: 320,
      timerMessages: 480,
      commandReplies: 0,
      apiMessages: 0,
      otherMessages: 0,
      messagesReceived: 5400,
      uniqueChatters: 310,
      period: 'week',
      since: '2025-01-17T10:30:00Z',
      breakdown: { welcome: 36, faq: 25.6, timer: 38.4, command: 0, api: 0, other: 0 },
    },
  },
  'get /analytics/faq-triggers': {
    data: {
      triggers: [
        { keyword: 'shipping', count: 145 },
        { keyword: 'payment', count: 89 },
        { keyword: 'size', count: 67 },
      ],
    },
  },
  'post /messages/send': {
    request: { message: 'Thanks for joining! Use code SAVE10 for 10% off!', delay: 0 },
    data: { messageId: 'msg_abc123', sentAt: T, status: 'queued', scheduledFor: T },
  },
  'get /giveaway/entries': {
    data: {
      entries: [
        { username: 'viewer123', timestamp: '2025-01-24T10:25:00Z', source: 'chat' },
        { username: 'shopper456', timestamp: '2025-01-24T10:26:30Z', source: 'chat' },
      ],
      count: 2,
      uniqueUsers: 2,
      roundId: 1,
    },
  },
  'post /giveaway/entries': {
    request: { username: 'viewer123' },
    data: { accepted: true, entryId: 3, username: 'viewer123', enteredAt: T },
  },
  'post /giveaway/pick-winner': {
    request: { count: 1 },
    data: { winners: ['viewer123'], timestamp: T, drawId: 'drw_abc123', entriesCount: 2 },
  },
  'delete /giveaway/entries': { message: 'All entries cleared', data: { cleared: 2, roundId: 1 } },
  'get /settings': { data: { ...defaultSettings(), botActive: true } },
  'patch /settings': {
    request: { welcomeEnabled: true, welcomeMessage: "Hey {username}, glad you're here!" },
    data: { ...defaultSettings(), botActive: true, welcomeMessage: "Hey {username}, glad you're here!", warnings: [] },
  },
  'get /accounts': { data: { accounts: [account('acc_1', 'Main Store', true), account('acc_2', 'Summer Sale', false)] } },
  'post /accounts/switch': { request: { accountId: 'acc_2' }, data: { account: account('acc_2', 'Summer Sale', true) } },
  'post /webhooks': {
    request: { url: 'https://example.com/webhooks/buzzchat', events: ['giveaway.entry', 'giveaway.winner'] },
    data: { ...webhook, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
  },
  'get /webhooks': { data: { webhooks: [webhook] } },
  'patch /webhooks/:id': {
    request: { events: ['giveaway.entry', 'giveaway.winner', 'bot.started'], active: true },
    data: { ...webhook, events: ['giveaway.entry', 'giveaway.winner', 'bot.started'], updatedAt: T },
  },
  'delete /webhooks/:id': { data: { id: 'wh_abc123', deleted: true } },
  'post /webhooks/:id/test': { data: { delivered: true, responseCode: 200, responseTime: 150, error: null, eventId: 'evt_xyz789' } },
};
