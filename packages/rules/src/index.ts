export * from './geo.ts';
export * from './price.ts';
