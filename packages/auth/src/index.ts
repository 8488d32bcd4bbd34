export * from './principal';
export * from './internal-identity';
