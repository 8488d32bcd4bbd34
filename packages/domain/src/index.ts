export * from './money';
export * from './enums';
export * from './regions';
export * from './customer';
export * from './clock';
export * from './peak-calendar';
export * from './events';
export * from './activity';
