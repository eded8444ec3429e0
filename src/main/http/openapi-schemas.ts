import type { z } from 'zod';
import { accountSchema, createAccountBody, platformSchema, updateAccountBody } from '../../shared/contract/accounts.js';
import { analyticsSchema, faqTriggersSchema, timelineSchema, topChattersSchema } from '../../shared/contract/analytics.js';
import { apiKeySchema, createKeyBody } from '../../shared/contract/apikeys.js';
import { backupListSchema, backupSchema, takenBackupSchema } from '../../shared/contract/backups.js';
import {
  addEntryBody,
  addEntryResponse,
  claimsResponse,
  drawSchema,
  entriesResponse,
  entrySchema,
  pickWinnerBody,
  pickWinnerResponse,
  rerollBody,
} from '../../shared/contract/giveaway.js';
import { messageSchema, messageStatusSchema, sendMessageBody, sendMessageResponse } from '../../shared/contract/messages.js';
import {
  commandSchema,
  faqRuleSchema,
  giveawaySettingsSchema,
  moderationSchema,
  settingsPatchSchema,
  settingsSchema,
  timerMessageSchema,
} from '../../shared/contract/settings.js';
import { healthSchema } from '../../shared/contract/system.js';
import {
  attemptSchema,
  createdWebhookSchema,
  createWebhookBody,
  deliveriesResponse,
  deliverySchema,
  eventTypeSchema,
  rotatedSecretSchema,
  testResultSchema,
  updateWebhookBody,
  webhookConfigPatch,
  webhookConfigSchema,
  webhookSchema,
} from '../../shared/contract/webhooks.js';

type Json = Record<string, unknown>;

/**
 * Names of the contract's schemas as OpenAPI components (`#/components/schemas/<name>`). Registered here rather
 * than with `.meta({ id })` on the shared schemas, because the MCP server turns those same schemas into its tools'
 * JSON Schemas, where an id would become a `$ref` many MCP clients cannot follow.
 */
export const NAMED_SCHEMAS: Record<string, z.ZodType> = {
  Health: healthSchema,
  Platform: platformSchema,
  Account: accountSchema,
  AccountCreate: createAccountBody,
  AccountUpdate: updateAccountBody,
  Analytics: analyticsSchema,
  FaqTriggers: faqTriggersSchema,
  Timeline: timelineSchema,
  TopChatters: topChattersSchema,
  ApiKey: apiKeySchema,
  ApiKeyCreate: createKeyBody,
  Backup: backupSchema,
  BackupList: backupListSchema,
  TakenBackup: takenBackupSchema,
  GiveawayEntry: entrySchema,
  GiveawayEntries: entriesResponse,
  GiveawayEntryAdd: addEntryBody,
  GiveawayEntryResult: addEntryResponse,
  PickWinnerRequest: pickWinnerBody,
  DrawResult: pickWinnerResponse,
  RerollRequest: rerollBody,
  Draw: drawSchema,
  Claims: claimsResponse,
  MessageStatus: messageStatusSchema,
  Message: messageSchema,
  SendMessageRequest: sendMessageBody,
  SendMessageResult: sendMessageResponse,
  Settings: settingsSchema,
  SettingsPatch: settingsPatchSchema,
  TimerMessage: timerMessageSchema,
  FaqRule: faqRuleSchema,
  Command: commandSchema,
  Moderation: moderationSchema,
  GiveawaySettings: giveawaySettingsSchema,
  EventType: eventTypeSchema,
  Webhook: webhookSchema,
  WebhookCreate: createWebhookBody,
  WebhookCreated: createdWebhookSchema,
  WebhookUpdate: updateWebhookBody,
  WebhookConfig: webhookConfigSchema,
  WebhookConfigPatch: webhookConfigPatch,
  WebhookDelivery: deliverySchema,
  WebhookDeliveries: deliveriesResponse,
  DeliveryAttempt: attemptSchema,
  WebhookTestResult: testResultSchema,
  RotatedSecret: rotatedSecretSchema,
};

/** "Give `a` (non-empty) or `b` (one item at least)": a zod refinement JSON Schema cannot infer. */
function oneOfFields(single: string, many: string) {
  return (s: Json) => {
    s.anyOf = [{ required: [single] }, { required: [many], properties: { [many]: { minItems: 1 } } }];
  };
}

/** An absolute http(s) URL (the server checks it parses, case-insensitive scheme); null stays allowed where it was. */
function httpUrlField(name: string) {
  return (s: Json) => {
    const prop = (s.properties as Record<string, Json> | undefined)?.[name];
    if (prop) Object.assign(prop, { format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });
  };
}

function appendDescription(s: Json, text: string) {
  s.description = s.description ? `${String(s.description)}. ${text}` : text;
}

/**
 * The rules the server enforces with zod refinements (or in its services), written into the JSON Schemas so a
 * generated client knows them. Applied to the rendered schema of each zod schema, wherever it appears.
 */
export const SCHEMA_RULES = new Map<z.ZodType, (s: Json, io: 'input' | 'output') => void>([
  [timerMessageSchema, oneOfFields('message', 'messages')],
  [faqRuleSchema, oneOfFields('response', 'responses')],
  [
    pickWinnerBody,
    (s) => {
      const count = (s.properties as Record<string, Json> | undefined)?.count;
      if (count) appendDescription(count, 'At most the number of eligible entrants: more is a VALIDATION_ERROR');
    },
  ],
  [createWebhookBody, httpUrlField('url')],
  [
    updateWebhookBody,
    (s) => {
      s.minProperties = 1;
      appendDescription(s, 'At least one field');
      httpUrlField('url')(s);
    },
  ],
  [createAccountBody, httpUrlField('url')],
  [updateAccountBody, httpUrlField('url')],
]);
