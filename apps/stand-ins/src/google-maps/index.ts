export * from './road-model.ts';
export * from './routes.ts';
export * from './server.ts';
export * from './stand-in.ts';
