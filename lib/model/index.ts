export * from './errors';
export * from './cidr';
export * from './selector';
export * from './port';
export * from './peer';
export * from './rule';
export * from './policy';
