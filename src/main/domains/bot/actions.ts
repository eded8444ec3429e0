/** What the engine asks the edges to do; the engine itself never performs I/O. */
export type SendCause = 'welcome' | 'faq' | 'timer' | 'command' | 'giveaway' | 'moderation';

export interface SendAction {
  type: 'send';
  text: string;
  cause: SendCause;
  /** Wait this long before sending (the send queue's not-before). */
  delayMs: number;
}

export interface GiveawayEntryAction {
  type: 'giveaway-entry';
  username: string;
  text: string;
}

export interface ModerateAction {
  type: 'moderate';
  /** `hide` asks the platform's moderator command; `log` only records it. */
  action: 'hide' | 'log';
  username: string;
  reason: 'blocked-word' | 'repeat' | 'link' | 'caps';
  /** The blocked word, the repeated text, the link, or the shouted text. */
  detail: string;
}

export type BotAction = SendAction | GiveawayEntryAction | ModerateAction;

/** What a line matched, for analytics and the public `message.received` event. */
export type LineMatch = { type: 'faq'; ruleId: string; trigger: string } | { type: 'command'; command: string; trigger: string };

export const send = (text: string, cause: SendCause, delayMs = 0): SendAction => ({ type: 'send', text, cause, delayMs });
