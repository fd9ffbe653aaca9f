// Message factories: one per ErrorCode (several where a code covers distinct situations), each fixing the code,
// the message and the fix of the Problem it builds. Callers give the field, the value and what the message needs.
// Not exported from lib/index.ts: codes are the public contract, prose is not.
export * from './values';
export * from './policy';
export * from './engines';
export * from './calico';
export * from './cilium';
export * from './cluster-network-policy';
export * from './constructs';
export * from './app-check';
export * from './internal';
