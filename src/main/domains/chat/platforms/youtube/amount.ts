/**
 * Super Chat amounts arrive only as display text (`purchaseAmountText.simpleText`: "￥1,000", "$5.00",
 * "CA$10.00", "€2.00", "PHP 100.00", "1.234,56 €"); this turns them into an amount and an ISO currency.
 */

/** Symbols YouTube prints; bare "$" is YouTube's spelling of US dollars (other dollars get a prefix). */
const SYMBOLS: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  CA$: 'CAD',
  A$: 'AUD',
  NZ$: 'NZD',
  HK$: 'HKD',
  NT$: 'TWD',
  MX$: 'MXN',
  R$: 'BRL',
  '¥': 'JPY',
  '￥': 'JPY',
  'CN¥': 'CNY',
  '€': 'EUR',
  '£': 'GBP',
  '₩': 'KRW',
  '₹': 'INR',
  '₱': 'PHP',
  '₪': 'ILS',
  '₫': 'VND',
  '₺': 'TRY',
  zł: 'PLN',
};

/** "1,000" → 1000, "5.00" → 5, "1.234,56" → 1234.56, "10,50" → 10.5. */
function parseNumber(digits: string): number | null {
  const lastComma = digits.lastIndexOf(',');
  const lastDot = digits.lastIndexOf('.');
  const sep = Math.max(lastComma, lastDot);
  let normalized: string;
  // The last separator is the decimal point only when it has one or two digits after it ("1,000" is a thousand).
  if (sep !== -1 && digits.length - sep - 1 <= 2) {
    normalized = digits.slice(0, sep).replace(/[.,\s\u00a0\u202f]/g, '') + '.' + digits.slice(sep + 1);
  } else {
    normalized = digits.replace(/[.,\s\u00a0\u202f]/g, '');
  }
  if (!/^\d+(\.\d+)?$/.test(normalized)) return null;
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

export function parsePurchaseAmount(text: string | null): { amount: number | null; currency: string | null } {
  if (!text || text.length > 40) return { amount: null, currency: null };
  const m = /^([^\d]*?)\s*(\d[\d.,\s\u00a0\u202f]*\d|\d)\s*([^\d]*)$/u.exec(text.trim());
  if (!m) return { amount: null, currency: null };
  const label = (m[1] || m[3] || '').trim();
  const currency = SYMBOLS[label] ?? (/^[A-Z]{3}$/.test(label) ? label : null);
  return { amount: parseNumber(m[2]!), currency };
}
