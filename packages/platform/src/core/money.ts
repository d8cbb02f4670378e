/** Money is always an integer number of paise (1 INR = 100 paise); never a float of rupees. */
export type Paise = number & { readonly __unit?: 'paise' };

export function paise(value: number): Paise {
  if (!Number.isSafeInteger(value)) throw new RangeError(`paise must be a safe integer, got ${value}`);
  return value;
}

export const rupees = (value: number): Paise => paise(Math.round(value * 100));

const inr = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 });

/** 2999900 → "₹29,999.00" (Indian digit grouping). */
export const formatPaise = (amount: Paise): string => inr.format(amount / 100);

/** Splits `amount` in proportion to `weights` with no paisa lost: remainders go to the largest fractions. */
export function allocate(amount: Paise, weights: readonly number[]): Paise[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) throw new RangeError('weights must sum to a positive number');
  const exact = weights.map((w) => (amount * w) / total);
  const shares = exact.map(Math.floor);
  let remainder = amount - shares.reduce((sum, s) => sum + s, 0);
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction);
  for (const { index } of order) {
    if (remainder <= 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    remainder -= 1;
  }
  return shares;
}
