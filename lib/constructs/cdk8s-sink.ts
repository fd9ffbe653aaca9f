// Transitional: constructs being migrated import from here; policy-sink.ts is the home of these.
export { checkProp, emitPolicy, resolveNamespace } from './policy-sink';
