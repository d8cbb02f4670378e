export * from './client.ts';
export * from './entities.ts';
export * from './signature.ts';
