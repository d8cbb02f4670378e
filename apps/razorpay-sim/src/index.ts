export * from './keys.ts';
export * from './routes.ts';
export * from './server.ts';
export * from './simulator.ts';
export type * from './webhooks.ts';
