export * from './bus';
export * from './in-process-bus';
export * from './nats-bus';
export * from './schema';
export * from './outbox';
export * from './relay';
export * from './inbox';
