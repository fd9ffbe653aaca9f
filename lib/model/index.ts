export * from './errors';
export * from './problem';
export * from './cidr';
export * from './selector';
export * from './port';
export * from './peer';
export * from './rule';
export * from './policy';
