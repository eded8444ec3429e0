/**
 * IRCv3 line parsing as Twitch sends it (https://dev.twitch.tv/docs/irc/ and /docs/irc/tags/):
 * `@tags :prefix COMMAND params :trailing`. Tag values are escaped per the IRCv3 message-tags spec.
 */

export interface IrcLine {
  tags: Map<string, string>;
  /** `nick` of `nick!user@host`, or the server name. */
  nick: string | null;
  /** True when the prefix is a user (`nick!user@host`), not a server. */
  fromUser: boolean;
  command: string;
  params: string[];
}

const TAG_ESCAPES: Record<string, string> = { ':': ';', s: ' ', '\\': '\\', r: '\r', n: '\n' };

/** IRCv3 tag-value unescaping: `\:` `\s` `\\` `\r` `\n`; any other escaped char stands for itself; a lone trailing `\` is dropped. */
export function unescapeTagValue(value: string): string {
  if (!value.includes('\\')) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = value[i + 1];
    if (next === undefined) break;
    out += TAG_ESCAPES[next] ?? next;
    i++;
  }
  return out;
}

function parseTags(raw: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const pair of raw.split(';')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    tags.set(key, eq === -1 ? '' : unescapeTagValue(pair.slice(eq + 1)));
  }
  return tags;
}

const COMMAND = /^(?:[A-Za-z]+|\d{3})$/;

/** One line (no CR/LF) to its parts, or null when it is not an IRC line. */
export function parseIrcLine(line: string): IrcLine | null {
  let rest = line;
  let tags = new Map<string, string>();
  if (rest.startsWith('@')) {
    const sp = rest.indexOf(' ');
    if (sp === -1) return null;
    tags = parseTags(rest.slice(1, sp));
    rest = rest.slice(sp + 1).trimStart();
  }
  let nick: string | null = null;
  let fromUser = false;
  if (rest.startsWith(':')) {
    const sp = rest.indexOf(' ');
    if (sp === -1) return null;
    const prefix = rest.slice(1, sp);
    const bang = prefix.indexOf('!');
    fromUser = bang > 0 && prefix.includes('@', bang);
    nick = bang > 0 ? prefix.slice(0, bang) : prefix;
    rest = rest.slice(sp + 1).trimStart();
  }
  const trailingAt = rest.indexOf(' :');
  const head = trailingAt === -1 ? rest : rest.slice(0, trailingAt);
  const words = head.split(' ').filter((w) => w.length > 0);
  const command = words.shift();
  if (!command || !COMMAND.test(command)) return null;
  const params = trailingAt === -1 ? words : [...words, rest.slice(trailingAt + 2)];
  return { tags, nick, fromUser, command: command.toUpperCase(), params };
}
