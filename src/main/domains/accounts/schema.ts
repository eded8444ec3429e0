import { z } from 'zod';

export const PLATFORMS = ['whatnot', 'youtube', 'twitch', 'kick', 'ebay', 'practice'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

export const accountSchema = z.object({
  id: z.string().describe('acc_…'),
  name: z.string(),
  platform: platformSchema,
  url: z.string().nullable().describe('Live page the chat session opens'),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

const url = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'must be an http(s) URL');

export const createAccountBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    platform: platformSchema.default('whatnot'),
    url: url.nullable().optional(),
  })
  .strict();

export const updateAccountBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    platform: platformSchema,
    url: url.nullable(),
  })
  .partial()
  .strict();

export const switchAccountBody = z.object({ accountId: z.string().min(1).max(64) }).strict();
