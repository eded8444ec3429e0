/** Display formatting shared by the screens. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.round((now - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(s)) return '—';
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString();
}

/** Text areas edit string lists one item per line. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
export const listOf = (text: string): string[] =>
  text
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** Field names of the API as the screens label them, for errors that name a field. */
const FIELD_WORDS: Record<string, string> = {
  url: 'Web address',
  events: 'Events',
  username: 'Name',
  count: 'Number of winners',
  message: 'Message',
  name: 'Name',
};

/** What the API says, in words for a seller: no "Invalid body:" prefix, no code names, a fix where we know one. */
export function plainError(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'NOT_RUNNING' || code === 'CONNECTION_FAILED') return 'BuzzChat is not answering. Is the app still running?';
  if (/private-network address|allowPrivateNetworks/.test(raw)) {
    const host = /(?:url: |resolves to private-network address |^)([\w.:[\]-]+) is a private-network address/.exec(raw)?.[1];
    return `${host ? `${host} is` : 'That address is'} on your local network, which webhooks may not reach unless you allow it (“Allow addresses on my local network” below).`;
  }
  const fields = (err as { fieldErrors?: Record<string, string> } | null)?.fieldErrors;
  const parts = fields && Object.keys(fields).length ? Object.entries(fields) : null;
  if (parts) return parts.map(([path, m]) => `${FIELD_WORDS[path.split('.').pop()!] ?? path}: ${plainFieldMessage(m)}`).join('; ');
  return raw.replace(/^Invalid [a-z]+: /, '').replace(/`/g, '');
}

function plainFieldMessage(m: string): string {
  if (/must be an http\(s\) URL|not an absolute URL|scheme must be http/.test(m)) return 'should be a web address such as https://example.com/…';
  return m.replace(/`/g, '');
}

/** A web address typed without its scheme ("example.com/hook") gets https://; anything else stays as typed. */
export function withScheme(url: string): string {
  const u = url.trim();
  if (!u || /^[a-z][a-z0-9+.-]*:\/\//i.test(u)) return u;
  return `https://${u.replace(/^\/+/, '')}`;
}

/**
 * Labels of a chart axis: the hour for one day, the date for longer spans (weekday and hour alone repeat:
 * a week runs from Monday to Monday).
 */
export function axisLabel(iso: string, bucketMinutes: number, spanDays: number): string {
  const d = new Date(iso);
  if (spanDays < 1) return d.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
  if (bucketMinutes < 1440) return d.toLocaleString([], { month: 'short', day: 'numeric', hour: 'numeric' });
  return d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}
