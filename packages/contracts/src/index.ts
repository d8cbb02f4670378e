export * from './access.ts';
export * from './errors.ts';
export * from './events/envelope.ts';
export * from './events/event-map.ts';
export * from './http/catalog.ts';
export * from './http/common.ts';
export * from './http/route.ts';
export * from './realtime.ts';
