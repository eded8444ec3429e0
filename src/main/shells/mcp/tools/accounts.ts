import { z } from 'zod';
import { platformSchema } from '../../../domains/accounts/schema.js';
import type { Account } from '../client.js';
import { guarded, loose, ok, plural } from '../results.js';
import type { ToolContext } from '../server.js';

const accountOutput = loose({
  id: z.string().describe('acc_… id'),
  name: z.string(),
  platform: platformSchema,
  url: z.string().nullable().describe('Live page the chat session opens'),
  isActive: z.boolean(),
});

function line(a: Account): string {
  return `${a.name} (${a.id}, ${a.platform})${a.isActive ? ' [active]' : ''}`;
}

/** Multi-account: a seller may run several stores or channels, one active at a time. */
export function registerAccountTools({ server, api, logger }: ToolContext): void {
  server.registerTool(
    'buzzchat_list_accounts',
    {
      title: 'List accounts',
      description: 'The BuzzChat accounts (stores or channels), which one is active, and their platform. Ids work as `account` in other tools.',
      inputSchema: z.object({}).strict(),
      outputSchema: loose({ accounts: z.array(accountOutput) }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_list_accounts', async () => {
      const r = await api.accounts();
      return ok(`${plural(r.accounts.length, 'account')}:\n${r.accounts.map(line).join('\n')}`, r);
    }),
  );

  server.registerTool(
    'buzzchat_switch_account',
    {
      title: 'Switch active account',
      description: 'Make another account the active one: tools called without `account` then act on it, and the app shows it.',
      inputSchema: z.object({ accountId: z.string().min(1).max(64).describe('Id (acc_…) of the account to activate, from buzzchat_list_accounts') }).strict(),
      outputSchema: loose({ account: accountOutput }),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_switch_account', async ({ accountId }) => {
      const r = await api.switchAccount(accountId);
      return ok(`Active account is now ${line(r.account)}.`, r);
    }),
  );
}
