import { Engine, Entity, ErrorCode, NetpolErrors, Peer, Policy, Port, Rule, Selector } from '../../lib';
import { calicoSelector } from '../../lib/engines/calico/selector';
import { renderCiliumPolicy } from '../../lib/engines/cilium/render';
import { renderValidatedNetworkPolicy } from '../../lib/engines/kubernetes/render';

// Sites that threw plain Errors (`[UNSUPPORTED_ACTION] ...`, `[ENGINE_NO_...] ...` strings) when a renderer got an
// intent that Engine.problems() refuses. Renderers are reached through Engine.render and the constructs, which check
// first, so each is a bug in cdk-netpol: a NetpolError coded INTERNAL, naming the code of the refusal it skipped.

const web = Selector.labels({ app: 'web' });
const egress = (rule: Rule) => new Policy({ name: 'web', namespaceName: 'prod', subject: web, isolateEgress: true, egress: [rule] });
const any = { peers: [Peer.anywhere()], ports: [Port.HTTPS] };

/** [code, the refusal named in parentheses] of what `fn` throws. */
function thrown(fn: () => unknown): [string | undefined, string | undefined] {
  const e = thrownError(fn);
  return [NetpolErrors.codeOf(e), /\(([A-Z][A-Z_0-9]+)\)/.exec((e as Error).message)?.[1]];
}

describe('renderer guards', () => {
  test.each<[string, string, () => unknown]>([
    ['kubernetes, a deny rule', 'ENGINE_NO_DENY', () => renderValidatedNetworkPolicy(egress(Rule.deny(any)))],
    ['kubernetes, a pass rule', 'ENGINE_NO_PASS', () => renderValidatedNetworkPolicy(egress(Rule.passToNextTier(any)))],
    ['kubernetes, a log rule', 'ENGINE_NO_LOG', () => renderValidatedNetworkPolicy(egress(Rule.log(any)))],
    ['kubernetes, a DNS-name peer', 'ENGINE_NO_FQDN', () => renderValidatedNetworkPolicy(egress(Rule.allow({ peers: [Peer.fqdn('api.example.com')], ports: [Port.HTTPS] })))],
    ['kubernetes, an entity peer', 'ENGINE_NO_ENTITIES', () => renderValidatedNetworkPolicy(egress(Rule.allow({ peers: [Peer.entity(Entity.WORLD)], ports: [Port.HTTPS] })))],
    ['kubernetes, a service-account peer', 'ENGINE_NO_SERVICE_ACCOUNTS', () => renderValidatedNetworkPolicy(egress(Rule.allow({ peers: [Peer.serviceAccounts(['a'])], ports: [Port.HTTPS] })))],
    ['cilium, a pass rule', 'ENGINE_NO_PASS', () => renderCiliumPolicy(egress(Rule.passToNextTier(any)))],
    ['cilium, a log rule', 'ENGINE_NO_LOG', () => renderCiliumPolicy(egress(Rule.log(any)))],
    ['calico, a label value with both quotes', 'CALICO_SELECTOR_UNQUOTABLE', () => calicoSelector(Selector.labels({ a: 'x\'"y' }))],
    ['a Calico expression as a Kubernetes label selector', 'ENGINE_NO_SELECTOR_EXPRESSION', () => Selector.calico('has(team)')._toKube()],
  ])('throw INTERNAL for %s, naming %s', (_name, refusal, fn) => {
    expect(thrown(fn)).toEqual([ErrorCode.INTERNAL, refusal]);
  });

  test('Engine.render refuses the same intents with those codes, before any renderer runs', () => {
    expect(NetpolErrors.codesOf(thrownError(() => Engine.KUBERNETES.render(egress(Rule.deny(any)))))).toEqual(['ENGINE_NO_DENY']);
    expect(NetpolErrors.codesOf(thrownError(() => Engine.CILIUM.render(egress(Rule.log(any)))))).toEqual(['ENGINE_NO_LOG']);
  });
});

function thrownError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
