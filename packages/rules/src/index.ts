export * from './geo.ts';
export * from './gstin.ts';
export * from './money.ts';
export * from './price.ts';
export * from './tax-invoice.ts';
export * from './zoned-format.ts';
export * from './zoned-time.ts';
