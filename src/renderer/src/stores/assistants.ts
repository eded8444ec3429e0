import { createStore } from 'zustand/vanilla';
import { ApiRequestError, type ApiClient } from '../api/client.js';
import { ASSISTANT_SCOPES, mcpClientConfig, type McpConfig, type WrittenClaudeConfig } from '../../../shared/contract/assistants.js';
import { busyRunner, errorText } from './coalesce.js';

export interface AssistantsState {
  /** How an assistant starts BuzzChat's MCP server, from the core (only it knows the executable). */
  config: McpConfig | null;
  /** false: this BuzzChat offers no MCP server (GET /system/mcp-config is NOT_FOUND). */
  available: boolean;
  /** The key made for an assistant, in clear text until dismissed (it is shown once). */
  key: string | null;
  /** Claude Desktop's file after it was written, with the backup of what it held. */
  written: WrittenClaudeConfig | null;
  busy: 'create' | 'write' | null;
  error: string | null;
  load(): Promise<void>;
  createKey(name?: string): Promise<boolean>;
  writeClaudeConfig(): Promise<boolean>;
  dismiss(): void;
}

/** The configuration to paste into an MCP client, with the new key in it. */
export function configText(config: McpConfig, key: string): string {
  return JSON.stringify(mcpClientConfig(config, key), null, 2);
}

/** The "AI assistants" card: a key with the scopes the MCP tools use, and the client configuration around it. */
export function createAssistantsStore(api: ApiClient, onKeyCreated: () => void = () => {}) {
  return createStore<AssistantsState>()((set, get) => {
    const run = busyRunner(set as (p: { busy?: string | null; error?: string | null }) => void);
    return {
      config: null,
      available: true,
      key: null,
      written: null,
      busy: null,
      error: null,
      load: async () => {
        try {
          set({ config: await api.api.system.mcpConfig(), available: true, error: null });
        } catch (err) {
          if (err instanceof ApiRequestError && err.status === 404) set({ available: false, config: null });
          else set({ error: errorText(err) });
        }
      },
      createKey: (name = 'AI assistant') =>
        run('create', async () => {
          const created = await api.createKey(name, [...ASSISTANT_SCOPES]);
          set({ key: created.key, written: null });
          onKeyCreated();
        }),
      writeClaudeConfig: () =>
        run('write', async () => {
          const key = get().key;
          if (!key) throw new Error('Create a key for the assistant first');
          set({ written: await api.api.system.writeClaudeConfig({ body: { apiKey: key } }) });
        }),
      dismiss: () => set({ key: null, written: null, error: null }),
    };
  });
}
