export * from './model';
export * from './engines/capabilities';
export * from './engines/engine';
export * from './constructs';
