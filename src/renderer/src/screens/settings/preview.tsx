import { placeholdersFor, render, sampleVars, unknownPlaceholders, type TemplateKind } from '../../../../shared/templates.js';
import type { Settings } from '../../api/types.js';

/** The sample values a preview uses: the seller's own keyword and names, a made-up viewer. */
function varsOf(draft: Settings) {
  return sampleVars({
    keyword: draft.giveaway.keyword,
    host: draft.hostUsername,
    claimSeconds: draft.giveaway.claimWindowSeconds,
    closesAt: draft.giveaway.closesAt,
  });
}

/** What viewers would read, rendered by the bot's own template code, and any `{name}` this text cannot use. */
export function Preview(props: { text: string; kind: TemplateKind; draft: Settings; label?: string }) {
  if (!props.text.trim()) return null;
  const unknown = unknownPlaceholders(props.text, props.kind);
  return (
    <div className="preview" aria-label={props.label ?? 'Preview'}>
      <span className="preview-label">Viewers see</span>
      <span className="preview-text">{render(props.text, varsOf(props.draft))}</span>
      {unknown.length > 0 && (
        <span className="field-error">
          {unknown.map((u) => `{${u}}`).join(', ')} {unknown.length === 1 ? 'is' : 'are'} not filled in here: check the spelling, or see the
          placeholders below.
        </span>
      )}
    </div>
  );
}

/** The placeholders a kind of text may use, folded away until needed. */
export function Placeholders(props: { kind: TemplateKind }) {
  return (
    <details className="placeholders">
      <summary>Placeholders you can use</summary>
      <ul>
        {placeholdersFor(props.kind).map((p) => (
          <li key={p.name}>
            <code>{`{${p.name}}`}</code> {p.means}
          </li>
        ))}
      </ul>
    </details>
  );
}
