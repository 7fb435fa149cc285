export * from './fake-polar-server.ts';
export * from './polar-models.ts';
