export { createGatewayServer, type GatewayServer } from './server';
export { readGatewayConfig, type GatewayConfig } from './config';
