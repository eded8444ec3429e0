import { useEffect, useState } from 'react';
import { Card, Empty, Notice } from '../components/ui.js';
import { useArea } from '../hooks.js';
import { configText } from '../stores/assistants.js';
import { ASSISTANT_SCOPES, type McpConfig } from '../../../shared/contract/assistants.js';

/**
 * "AI assistants" on the API keys screen: a key with the scopes the MCP tools use, and the ready-to-paste
 * configuration that starts BuzzChat's MCP server (this app's executable with --mcp). The desktop app may also
 * write it into Claude Desktop's configuration, after asking.
 */
export function AssistantsCard() {
  const a = useArea('assistants');
  useEffect(() => {
    void a.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Card title="AI assistants">
      <div className="stack">
        <p className="muted">
          Let Claude Desktop or another MCP client read your chat, run giveaways and change the bot. It starts BuzzChat's MCP server on this computer
          with a key of its own; BuzzChat must be running.
        </p>
        <Notice tone="bad">{a.error}</Notice>
        {!a.available ? (
          <Empty>This BuzzChat offers no MCP server.</Empty>
        ) : !a.config ? null : a.key ? (
          <Configuration
            config={a.config}
            apiKey={a.key}
            written={a.written}
            writing={a.busy === 'write'}
            onWrite={a.writeClaudeConfig}
            onDone={a.dismiss}
          />
        ) : (
          <div className="row wrap">
            <button type="button" className="btn btn-primary" disabled={a.busy === 'create'} onClick={() => void a.createKey()}>
              Create a key for an assistant
            </button>
            <span className="small muted">Scopes: {ASSISTANT_SCOPES.join(', ')}</span>
          </div>
        )}
      </div>
    </Card>
  );
}

function Configuration(props: {
  config: McpConfig;
  apiKey: string;
  written: { path: string; backupPath: string | null } | null;
  writing: boolean;
  onWrite: () => Promise<boolean>;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const text = configText(props.config, props.apiKey);
  const claude = props.config.claudeDesktop;
  return (
    <div className="secret" role="region" aria-label="MCP client configuration">
      <strong>Paste this into your MCP client's configuration</strong>
      <p className="muted">
        Claude Desktop: Settings → Developer → Edit Config. It holds the new key, shown only now: copy it before you close this.
      </p>
      <pre className="secret-value" aria-label="Configuration">
        {text}
      </pre>
      <div className="row wrap">
        <button
          type="button"
          className="btn"
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        {claude.writable && !props.written && !confirming && (
          <button type="button" className="btn" onClick={() => setConfirming(true)}>
            Add to Claude Desktop…
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={props.onDone}>
          Done
        </button>
      </div>
      {confirming && !props.written && (
        <div className="stack" role="alertdialog" aria-label="Add to Claude Desktop">
          <p>
            BuzzChat will add a "buzzchat" server to <code>{claude.configPath}</code>, keep everything else in it, and save a copy of the file as it
            is now beside it.
          </p>
          <div className="row">
            <button
              type="button"
              className="btn btn-primary"
              disabled={props.writing}
              onClick={() => void props.onWrite().then((ok) => ok && setConfirming(false))}
            >
              Add it
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {props.written && (
        <Notice tone="good">
          Added to {props.written.path}.{props.written.backupPath ? ` The previous file is kept as ${props.written.backupPath}.` : ''} Restart Claude
          Desktop to use it.
        </Notice>
      )}
    </div>
  );
}
