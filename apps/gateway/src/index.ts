export { createGatewayServer, type GatewayServer } from './server';
export { readGatewayConfig, type GatewayConfig } from './config';
export { signDevToken, type DevTokenRequest } from './auth/jwt';
export { readAuthConfig } from './config';
