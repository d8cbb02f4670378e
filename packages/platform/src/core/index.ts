export * from './clock.ts';
export * from './decider.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './money.ts';
