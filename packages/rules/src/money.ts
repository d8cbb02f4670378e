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
