import { useEffect, useRef, useState } from 'react';
import { mapBotTexts } from '../../../shared/settings-checks.js';
import { replaceLiterally } from '../../../shared/templates.js';
import type { SettingsWarning } from '../../../shared/contract/settings.js';
import { onTabKeys } from '../components/tabs.js';
import { Card, Notice } from '../components/ui.js';
import { useArea, useStores } from '../hooks.js';
import type { Section } from '../stores/settings.js';
import { BotTester } from './settings/BotTester.js';
import { useFaqPrefill } from './livechat/faq-prefill.js';
import { FaqEditor, CommandsEditor, TimersEditor, NEW_RULE } from './settings/RuleEditors.js';
import { GiveawaySettingsEditor, ModerationEditor } from './settings/ModerationGiveawayEditors.js';
import { UnsavedDialog, useLeaveGuard } from './settings/LeaveGuard.js';
import { WelcomeEditor } from './settings/WelcomeEditor.js';
import { ThanksEditor } from './settings/ThanksEditor.js';
import type { EditorProps } from './settings/types.js';
import { downloadJson } from '../download.js';

export const TABS: { id: Section; label: string; editor: (p: EditorProps) => React.JSX.Element }[] = [
  { id: 'welcome', label: 'Welcome & pacing', editor: WelcomeEditor },
  { id: 'faq', label: 'FAQ rules', editor: FaqEditor },
  { id: 'timers', label: 'Timers', editor: TimersEditor },
  { id: 'commands', label: 'Commands', editor: CommandsEditor },
  { id: 'moderation', label: 'Moderation', editor: ModerationEditor },
  { id: 'giveaway', label: 'Giveaway', editor: GiveawaySettingsEditor },
  { id: 'thanks', label: 'Thanks', editor: ThanksEditor },
];

export function BotSettings() {
  const s = useArea('settings');
  const stores = useStores();
  const [tab, setTab] = useState<Section>('welcome');
  useEffect(() => {
    // Coming back with edits not saved yet keeps them.
    void s.load({ keepDrafts: true });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const guard = useLeaveGuard(() => stores.settings.getState().dirtySections());
  // Live chat's "Make this an FAQ": a new rule with the line's words as its trigger, once the settings are here.
  const prefill = useFaqPrefill();
  const loaded = s.draft !== null;
  // Once per request, also where development mode runs effects twice.
  const taken = useRef<string | null>(null);
  useEffect(() => {
    if (!prefill.trigger) taken.current = null;
    if (!prefill.trigger || !loaded || taken.current === window.location.hash) return;
    taken.current = window.location.hash;
    const trigger = prefill.trigger;
    setTab('faq');
    s.edit((d) => ({ ...d, faqRules: [...d.faqRules, { ...NEW_RULE, triggers: [trigger] }] }));
    prefill.consume();
  }, [prefill.trigger, loaded]); // eslint-disable-line react-hooks/exhaustive-deps

  const current = TABS.find((t) => t.id === tab)!;
  const Editor = current.editor;
  const dirty = s.isDirty(tab);
  const notice = s.notice[tab];
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>Bot settings</h1>
        <SettingsFile onExport={s.exportFile} onImport={s.importFile} />
      </div>
      <Notice tone="bad">{s.loadError}</Notice>
      {s.importNotice && <Notice tone={s.importNotice.tone}>{s.importNotice.text}</Notice>}
      {/* Switching tabs keeps every tab's unsaved edits (the leave guard asks only when leaving the screen). */}
      <div
        className="tabs"
        role="tablist"
        aria-label="Settings sections"
        onKeyDown={(e) =>
          onTabKeys(
            e,
            TABS.map((t) => t.id),
            tab,
            setTab,
            (id) => `settings-tab-${id}`,
          )
        }
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`settings-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === tab}
            aria-controls="settings-panel"
            tabIndex={t.id === tab ? 0 : -1}
            className={`tab ${t.id === tab ? 'tab-active' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {s.isDirty(t.id) && <span className="dot" title="Unsaved changes" />}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="settings-panel" aria-labelledby={`settings-tab-${tab}`}>
        <Card className="settings-card">
          {s.draft ? <Editor draft={s.draft} errors={s.errors} edit={s.edit} saved={s.saved} /> : <div className="muted">Loading…</div>}
          <SavedWarnings
            warnings={(s.warnings[tab] ?? []).filter((w) => w.code !== 'faq-shadowed')}
            onUseKeyword={(old) => s.edit((d) => mapBotTexts(d, (t) => replaceLiterally(t, old, '{keyword}')))}
          />
          {/* Sticky: the buttons stay on screen however long the list of rules. */}
          <div className="save-bar" role="region" aria-label="Save changes">
            {dirty && <span className="dot" />}
            {notice ? (
              <Notice tone={notice.tone}>{notice.text}</Notice>
            ) : (
              <span className="muted small">{dirty ? 'Unsaved changes' : 'All changes saved'}</span>
            )}
            <span className="spacer" />
            <button type="button" className="btn btn-ghost" disabled={!dirty || s.saving !== null} onClick={() => s.revert(tab)}>
              Discard
            </button>
            <button type="button" className="btn btn-primary" disabled={!dirty || s.saving !== null} onClick={() => void s.save(tab)}>
              {s.saving === tab ? 'Saving…' : 'Save changes'}
            </button>
          </div>
        </Card>
      </div>
      <BotTester state={s.test} onTest={s.runTest} botActive={s.saved?.botActive ?? false} />
      {guard.pending && (
        <UnsavedDialog
          sections={guard.pending.sections.map((id) => TABS.find((t) => t.id === id)!.label)}
          saving={s.saving !== null}
          onStay={guard.stay}
          onDiscard={() => {
            for (const id of guard.pending!.sections) s.revert(id);
            guard.leave();
          }}
          onSave={async () => {
            for (const id of guard.pending!.sections) {
              if (!(await s.save(id))) {
                // Refused: show the section with the server's messages instead of leaving.
                setTab(id);
                return guard.stay();
              }
            }
            guard.leave();
          }}
        />
      )}
    </div>
  );
}

/** What the last save answered beside "Saved": kept until the next save of the section. */
function SavedWarnings(props: { warnings: SettingsWarning[]; onUseKeyword: (old: string) => void }) {
  if (props.warnings.length === 0) return null;
  const oldKeywords = [...new Set(props.warnings.filter((w) => w.code === 'old-keyword').map((w) => w.keyword!))];
  return (
    <div className="stack saved-warnings">
      {props.warnings.map((w) => (
        <Notice key={`${w.code}-${w.path}`} tone="warn">
          {w.message}
        </Notice>
      ))}
      {oldKeywords.map((k) => (
        <div key={k}>
          <button type="button" className="btn btn-small" onClick={() => props.onUseKeyword(k)}>
            Replace “{k}” with {'{keyword}'} in every text
          </button>
        </div>
      ))}
    </div>
  );
}

/** Back up the bot's settings, or copy them to another account or machine. */
function SettingsFile(props: { onExport: () => { name: string; json: string } | null; onImport: (text: string) => Promise<boolean> }) {
  const file = useRef<HTMLInputElement>(null);
  const download = () => {
    const f = props.onExport();
    if (!f) return;
    downloadJson(f);
  };
  return (
    <div className="row">
      <button type="button" className="btn btn-small btn-ghost" onClick={download}>
        Export
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => file.current?.click()}>
        Import…
      </button>
      <input
        ref={file}
        type="file"
        accept="application/json,.json"
        aria-label="Settings file to import"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void f.text().then(props.onImport);
        }}
      />
    </div>
  );
}
