export { ciliumEvaluator } from './evaluator';
export type { CiliumEvaluator } from './evaluator';
export { checkCiliumPolicySpec } from './check-spec';
