export * from './subject';
export * from './default-deny';
export * from './allow-dns';
export * from './allow-from';
export * from './allow-to';
export * from './allow-flow';
export * from './three-tier-app';
