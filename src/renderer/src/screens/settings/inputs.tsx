import { useState } from 'react';
import { linesOf, listOf } from '../../format.js';

/**
 * Inputs that edit typed values (numbers, string lists) while keeping what the user typed: the text
 * is local state and the parsed value goes up on every change, so "1," or an empty line is not eaten.
 */
export function NumberInput(props: {
  value: number | null | undefined;
  onChange: (v: number | null) => void;
  min?: number;
  max?: number;
  step?: number;
  label: string;
}) {
  const [text, setText] = useState(props.value === null || props.value === undefined ? '' : String(props.value));
  // A value changed from outside (a reload, an import) replaces the text, unless it is what the text already says.
  // Set while rendering, React's pattern for state that follows a prop.
  const [seen, setSeen] = useState(props.value);
  if (!Object.is(props.value, seen)) {
    setSeen(props.value);
    if (Number(text) !== props.value) setText(props.value === null || props.value === undefined ? '' : String(props.value));
  }
  return (
    <input
      type="number"
      aria-label={props.label}
      value={text}
      min={props.min}
      max={props.max}
      step={props.step ?? 1}
      onChange={(e) => {
        setText(e.target.value);
        // Empty goes up as null, so the server answers with its own "expected number" message.
        props.onChange(e.target.value === '' ? null : Number(e.target.value));
      }}
    />
  );
}

function useListText(value: string[], join: string, parse: (t: string) => string[]) {
  const [text, setText] = useState(value.join(join));
  // Compared by content, so a caller handing a new but equal array each render does not loop.
  const key = JSON.stringify(value);
  const [seen, setSeen] = useState(key);
  if (key !== seen) {
    setSeen(key);
    if (JSON.stringify(parse(text)) !== key) setText(value.join(join));
  }
  return [text, setText] as const;
}

export function LinesInput(props: { value: string[]; onChange: (v: string[]) => void; label: string; rows?: number; placeholder?: string }) {
  const [text, setText] = useListText(props.value, '\n', linesOf);
  return (
    <textarea
      aria-label={props.label}
      rows={props.rows ?? 3}
      value={text}
      placeholder={props.placeholder}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(linesOf(e.target.value));
      }}
    />
  );
}

export function CommaInput(props: { value: string[]; onChange: (v: string[]) => void; label: string; placeholder?: string }) {
  const [text, setText] = useListText(props.value, ', ', listOf);
  return (
    <input
      aria-label={props.label}
      value={text}
      placeholder={props.placeholder}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(listOf(e.target.value));
      }}
    />
  );
}

/** `datetime-local` in the user's zone <-> ISO strings in UTC. */
export function DateTimeInput(props: { value: string | null; onChange: (v: string | null) => void; label: string }) {
  const local = props.value ? toLocalInput(props.value) : '';
  return (
    <input
      type="datetime-local"
      aria-label={props.label}
      value={local}
      onChange={(e) => props.onChange(e.target.value ? new Date(e.target.value).toISOString() : null)}
    />
  );
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Server messages for one item that no field of the form shows (e.g. "A timer needs message or messages"). */
export function itemErrors(errors: Record<string, string>, prefix: string, shownFields: string[]): string[] {
  return Object.entries(errors)
    .filter(
      ([p]) => (p === prefix || p.startsWith(`${prefix}.`)) && !shownFields.some((f) => p === `${prefix}.${f}` || p.startsWith(`${prefix}.${f}.`)),
    )
    .map(([p, m]) => (p === prefix ? m : `${p.slice(prefix.length + 1)}: ${m}`).replace(/`/g, ''));
}

/** The first error at or below a path (array items: `triggers.2` shows on the triggers field). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([p]) => p.startsWith(`${path}.`))?.[1];
}
