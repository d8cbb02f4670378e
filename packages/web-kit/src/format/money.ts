const rupees = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  minimumFractionDigits: 2,
});

/** 29900 → "₹299.00"; lakh grouping as Indian readers expect: 12345600 → "₹1,23,456.00". */
export function formatPaise(paise: number): string {
  return rupees.format(paise / 100);
}
