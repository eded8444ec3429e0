import type { Command, Settings } from '../settings/schema.js';
import { send, type SendAction } from './actions.js';
import { render } from './text.js';
import type { TemplateVars } from './welcome.js';

/** `!name` at the very start of the line, then nothing or whitespace and arguments. */
const COMMAND = /^\s*!([\p{L}\p{N}_-]{1,32})(?:\s+([\s\S]*))?$/u;
const BUILTIN_COOLDOWN_MS = 30_000;

export interface ParsedCommand {
  name: string;
  args: string;
}

export function parseCommand(text: string): ParsedCommand | null {
  const m = COMMAND.exec(text);
  return m ? { name: m[1]!.toLowerCase(), args: (m[2] ?? '').trim() } : null;
}

type Builtin = (s: Settings, now: number, giveawayOpen: boolean) => string | null;

/** Built-ins answer unless the host defines a command of the same name (which wins). */
const BUILTINS: Record<string, Builtin> = {
  commands: (s) => {
    const names = new Set([...s.commands.filter((c) => c.enabled).map((c) => c.name), ...Object.keys(BUILTINS)]);
    return `Commands: ${[...names]
      .sort()
      .map((n) => `!${n}`)
      .join(' ')}`;
  },
  giveaway: (s, _now, open) =>
    s.giveaway.enabled ? (open ? `Type "${s.giveaway.keyword}" in chat to enter the giveaway!` : 'No giveaway is open right now.') : null,
};

export interface CommandResult {
  command: string;
  /** null when the command exists but is cooling down (or a built-in has nothing to say). */
  action: SendAction | null;
}

/** Chat commands with a global cooldown per command. */
export class CommandResponder {
  private byName = new Map<string, Command>();
  private lastUsed = new Map<string, number>();

  configure(commands: readonly Command[]): void {
    this.byName = new Map(commands.filter((c) => c.enabled).map((c) => [c.name, c]));
  }

  /** The command a line invokes, without side effects. */
  peek(text: string): ParsedCommand | null {
    const p = parseCommand(text);
    return p && (this.byName.has(p.name) || p.name in BUILTINS) ? p : null;
  }

  /** What `handle` would do now, changing nothing (the bot tester): the reply, or how long the command still cools down. */
  preview(
    text: string,
    now: number,
    s: Settings,
    vars: TemplateVars,
    giveawayOpen: boolean,
  ): { command: string; text: string | null; coolingMs: number } | null {
    const p = this.peek(text);
    if (!p) return null;
    const custom = this.byName.get(p.name);
    const last = this.lastUsed.get(p.name);
    const coolingMs = last === undefined ? 0 : Math.max(0, (custom ? custom.cooldownSeconds * 1000 : BUILTIN_COOLDOWN_MS) - (now - last));
    const template = custom ? custom.response : BUILTINS[p.name]!(s, now, giveawayOpen);
    return { command: p.name, text: coolingMs > 0 || template === null ? null : render(template, { ...vars, args: p.args }), coolingMs };
  }

  handle(text: string, now: number, s: Settings, vars: TemplateVars, giveawayOpen: boolean): CommandResult | null {
    const p = this.peek(text);
    if (!p) return null;
    const custom = this.byName.get(p.name);
    const cooldownMs = custom ? custom.cooldownSeconds * 1000 : BUILTIN_COOLDOWN_MS;
    const last = this.lastUsed.get(p.name);
    if (last !== undefined && now - last < cooldownMs) return { command: p.name, action: null };
    const template = custom ? custom.response : BUILTINS[p.name]!(s, now, giveawayOpen);
    if (template === null) return { command: p.name, action: null };
    this.lastUsed.set(p.name, now);
    return { command: p.name, action: send(render(template, { ...vars, args: p.args }), 'command') };
  }
}
