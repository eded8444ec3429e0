import { z } from 'zod';
import type { Scope } from '../scopes.js';
import { op } from './op.js';

/**
 * Connecting an AI assistant (an MCP client such as Claude Desktop) to this app: how to start its MCP server on
 * this computer, and writing that into Claude Desktop's configuration. Served by the system domain.
 */

/** What the MCP server's tools call, read and write: the scopes of a key made for an assistant. */
export const ASSISTANT_SCOPES = [
  'messages:send',
  'messages:read',
  'chat:read',
  'giveaway:read',
  'giveaway:write',
  'settings:read',
  'settings:write',
  'accounts:read',
  'accounts:write',
  'analytics:read',
  'webhooks:read',
] as const satisfies readonly Scope[];

/** The entry name under `mcpServers` in an MCP client's configuration. */
export const MCP_SERVER_KEY = 'buzzchat';

export const mcpConfigSchema = z.object({
  command: z.string().describe("The program an MCP client starts: the installed app's executable, or Node for a source checkout"),
  args: z.array(z.string()).describe('Its arguments: ["--mcp"] for the app'),
  env: z
    .object({ BUZZCHAT_URL: z.string().describe('Where this API listens') })
    .describe('Environment for the server besides BUZZCHAT_API_KEY (the key an assistant uses)'),
  claudeDesktop: z.object({
    configPath: z.string().describe("Claude Desktop's configuration file on this computer (its default place)"),
    writable: z.boolean().describe('Whether this app may write it (POST /system/mcp-config/claude-desktop): the desktop app only'),
  }),
});
export type McpConfig = z.infer<typeof mcpConfigSchema>;

export const writeClaudeConfigBody = z
  .object({
    apiKey: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^\S+$/, 'an API key has no spaces')
      .describe('The key the assistant uses (create one with POST /keys)'),
    path: z.string().trim().min(1).max(4096).optional().describe('The configuration file; defaults to claudeDesktop.configPath'),
  })
  .strict();

export const writtenClaudeConfigSchema = z.object({
  path: z.string().describe('The file written'),
  backupPath: z.string().nullable().describe('Copy of the file as it was, next to it; null when there was no file'),
  replaced: z.boolean().describe(`An earlier mcpServers.${MCP_SERVER_KEY} entry was replaced`),
});
export type WrittenClaudeConfig = z.infer<typeof writtenClaudeConfigSchema>;

/** One `mcpServers` entry for this app with the given key: what the card shows and what the core writes. */
export function mcpServerEntry(config: Pick<McpConfig, 'command' | 'args' | 'env'>, apiKey: string) {
  return { command: config.command, args: [...config.args], env: { ...config.env, BUZZCHAT_API_KEY: apiKey } };
}

/** A complete configuration file for Claude Desktop (and the MCP clients that read the same format). */
export function mcpClientConfig(config: Pick<McpConfig, 'command' | 'args' | 'env'>, apiKey: string) {
  return { mcpServers: { [MCP_SERVER_KEY]: mcpServerEntry(config, apiKey) } };
}

const TAG = 'System';

export const assistantOps = {
  mcpConfig: op({
    method: 'get',
    path: '/system/mcp-config',
    tag: TAG,
    summary: "How an MCP client starts this app's MCP server (command, arguments, environment) and where Claude Desktop keeps its configuration",
    scope: 'keys:admin',
    response: mcpConfigSchema,
    errors: ['NOT_FOUND'],
  }),
  writeClaudeConfig: op({
    method: 'post',
    path: '/system/mcp-config/claude-desktop',
    tag: TAG,
    summary:
      `Add this app's MCP server (mcpServers.${MCP_SERVER_KEY}) to Claude Desktop's configuration, keeping the rest of the file and a ` +
      'timestamped backup of it; a file that is not valid JSON is left untouched (409). Desktop app only',
    scope: 'keys:admin',
    body: writeClaudeConfigBody,
    response: writtenClaudeConfigSchema,
    // NOT_FOUND: not the desktop app; CONFLICT: the file or its folder is not as expected (nothing written).
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
};
