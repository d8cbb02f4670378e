export * from './geo.ts';
export * from './money.ts';
export * from './price.ts';
