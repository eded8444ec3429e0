import { z } from 'zod';
import { accountsApi } from '../../../../shared/contract/accounts.js';
import type { Account } from '../client.js';
import { guarded, ok, plural, responseOf } from '../results.js';
import type { ToolContext } from '../context.js';

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
      outputSchema: responseOf(accountsApi.list),
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
      inputSchema: z
        .object({ accountId: z.string().min(1).max(64).describe('Id (acc_…) of the account to activate, from buzzchat_list_accounts') })
        .strict(),
      outputSchema: responseOf(accountsApi.switch),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_switch_account', async ({ accountId }) => {
      const r = await api.switchAccount(accountId);
      return ok(`Active account is now ${line(r.account)}.`, r);
    }),
  );
}
