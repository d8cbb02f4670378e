export * from './database.ts';
export { given } from './decider.ts';
export { offersSentData } from './events.ts';
export { eventually } from './eventually.ts';
export * from './service-harness.ts';
