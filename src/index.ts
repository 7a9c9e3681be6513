export * from './profile';
export * from './vpc/nat-strategy';
export * from './vpc/flow-logs';
export * from './vpc/secure-vpc';
export * from './database/database-connection';
