export * from './app.ts';
export * from './config.ts';
export * from './platform.ts';
export * from './seed.ts';
