/**
 * "1,499.5" → 149950 paise, by reading the digits (never `× 100` on a float, which turns 0.29 into 28.999…).
 * Undefined for anything that is not a non-negative amount with at most two decimals.
 */
export function parseRupees(text: string): number | undefined {
  const match = /^\s*₹?\s*(\d{1,3}(?:,\d{2,3})*|\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const whole = Number(match[1]!.replaceAll(',', ''));
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const paise = whole * 100 + fraction;
  return Number.isSafeInteger(paise) ? paise : undefined;
}

/** 149950 → "1499.50": the form value an admin edits (formatPaise is for display). */
export const paiseToRupeesInput = (paise: number): string =>
  `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, '0')}`;
const rupees = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  minimumFractionDigits: 2,
});
const wholeRupees = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  maximumFractionDigits: 0,
});

/** 29900 → "₹299.00"; lakh grouping as Indian readers expect: 12345600 → "₹1,23,456.00". */
export function formatPaise(paise: number): string {
  return rupees.format(paise / 100);
}

/**
 * A price as Indian consumer apps show it: no paise when the amount is whole (149900 → "₹1,499"), exact
 * paise otherwise (176882 → "₹1,768.82"), so a total still adds up to what is charged.
 */
export function formatRupees(paise: number): string {
  return paise % 100 === 0 ? wholeRupees.format(paise / 100) : rupees.format(paise / 100);
}
