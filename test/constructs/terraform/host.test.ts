import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App as Cdk8sApp, Chart, Testing as Cdk8sTesting } from 'cdk8s';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { CONSTRUCT_CASES } from './catalog';
import { AllowDns, AllowFrom, CiliumClusterwideDeny, DefaultDeny, Diagnostics, Engine, ErrorCode, Peer, Port, Selector, Subject } from '../../../lib';
import { objectsOfTerraform } from '../../../lib/analyzer/from-terraform';
import { netpolError } from '../../support/helpers';

/** A stack in its own test App, with the kubernetes provider so that validation passes. */
function stackWithProvider(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'cluster');
  new KubernetesProvider(stack, 'k8s', {});
  return stack;
}

/** The objects the cdk8s host renders for the same construct. */
function cdk8sObjects(build: (scope: Chart) => void): any[] {
  const chart = new Chart(Cdk8sTesting.app(), 'cluster');
  build(chart);
  return Cdk8sTesting.synth(chart);
}

/** Order-free identity and value-set order, which neither host promises to keep the same. */
function canonical(objects: any[]): any[] {
  const sortValues = (x: any): any => {
    if (Array.isArray(x)) return x.map(sortValues);
    if (x === null || typeof x !== 'object') return x;
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'values' && Array.isArray(v) ? [...v].sort() : sortValues(v)]));
  };
  const id = (o: any) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  return [...objects].sort((a, b) => id(a).localeCompare(id(b))).map(sortValues);
}

describe('constructs in a cdktf TerraformStack', () => {
  describe.each(CONSTRUCT_CASES)('$name', ({ build }) => {
    test('synthesizes Terraform resources (snapshot)', () => {
      const synthesized = JSON.parse(Testing.synthScope(scope => build(scope)));
      expect(Object.keys(synthesized.resource ?? {}).length).toBeGreaterThan(0);
      expect(synthesized).toMatchSnapshot();
    });

    test('asks the provider for exactly the objects the cdk8s host renders', () => {
      const stack = stackWithProvider();
      build(stack);
      const fromTerraform = objectsOfTerraform(Testing.synth(stack, true));
      expect(canonical(fromTerraform)).toEqual(canonical(cdk8sObjects(build)));
    });
  });

  test('a full stack with a KubernetesProvider passes cdktf validation', () => {
    const stack = stackWithProvider();
    CONSTRUCT_CASES.forEach(({ build }, i) => build(new TerraformStack(stack.node.scope as App, `part${i}`)));
    expect(() => Testing.synth(stack, true)).not.toThrow();
    // And validation does run: without the provider, cdktf refuses the stack.
    const bare = new TerraformStack(Testing.app(), 'bare');
    new DefaultDeny(bare, 'Deny', { namespaceName: 'prod' });
    expect(() => Testing.synth(bare, true)).toThrow(/provider/);
  });

  test('App.synth writes the stack with every policy', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-tf-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'netpol');
    new KubernetesProvider(stack, 'k8s', {});
    new DefaultDeny(stack, 'Deny', { namespaceName: 'prod' });
    new AllowDns(stack, 'Dns', { namespaceName: 'prod' });
    app.synth();
    const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'netpol', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(written.resource.kubernetes_network_policy_v1).sort()).toEqual(['prod_allow-dns', 'prod_default-deny-all']);
  });

  test('Terraform names derive from the intent, not from construct ids or paths', () => {
    const a = JSON.parse(Testing.synthScope(scope => new DefaultDeny(scope, 'Deny', { namespaceName: 'prod' })));
    const b = JSON.parse(Testing.synthScope(scope => new DefaultDeny(new Construct(scope, 'Nested'), 'Elsewhere', { namespaceName: 'prod' })));
    expect(Object.keys(a.resource.kubernetes_network_policy_v1)).toEqual(['prod_default-deny-all']);
    expect(b.resource).toEqual(a.resource);
  });

  test('Terraform names of cluster-scoped kinds carry the kind; dots and leading digits are made legal', () => {
    const synthesized = JSON.parse(Testing.synthScope(scope => {
      new CiliumClusterwideDeny(scope, 'Cluster');
      new DefaultDeny(scope, 'Deny', { namespaceName: '1team', name: 'deny.all' });
    }));
    expect(Object.keys(synthesized.resource.kubernetes_manifest)).toEqual(['ciliumclusterwidenetworkpolicy_cluster-default-deny']);
    expect(Object.keys(synthesized.resource.kubernetes_network_policy_v1)).toEqual(['_1team_deny_all']);
  });

  test('the rendered object stands in the tree in the construct\'s place; apiObject is a coded error there', () => {
    const stack = stackWithProvider();
    const dns = new AllowDns(stack, 'Dns', { namespaceName: 'prod' });
    expect(stack.node.findChild('Dns')).toBe(dns.terraformResource);
    expect((dns.terraformResource as any).terraformResourceType).toBe('kubernetes_network_policy_v1');
    const error = netpolError(() => dns.apiObject);
    expect([error.code, error.path]).toEqual([ErrorCode.HOST_MISMATCH, 'cluster/Dns']);
    expect(error.message).toContain('terraformResource');
    const cluster = new CiliumClusterwideDeny(stack, 'Cluster');
    expect(cluster.apiObjects).toEqual([]);
    expect(cluster.terraformResources.map(r => (r as any).terraformResourceType)).toEqual(['kubernetes_manifest']);
  });

  test('terraformResource is a coded error in a cdk8s Chart', () => {
    const chart = new Chart(new Cdk8sApp(), 'prod', { namespace: 'prod' });
    const deny = new DefaultDeny(chart, 'Deny');
    expect(deny.apiObject.kind).toBe('NetworkPolicy');
    const error = netpolError(() => deny.terraformResource);
    expect([error.code, error.path]).toEqual([ErrorCode.HOST_MISMATCH, 'prod/Deny']);
    expect(error.message).toContain('apiObject');
  });

  test('a stack has no default namespace: NAMESPACE_REQUIRED says to set namespaceName', () => {
    const error = netpolError(() => new DefaultDeny(stackWithProvider(), 'Deny'));
    expect(error.code).toBe(ErrorCode.NAMESPACE_REQUIRED);
    expect(error.message).toContain('a cdktf stack has no default namespace');
  });

  test('TERRAFORM_NAME_COLLISION when two kinds would share a Terraform address', () => {
    const stack = stackWithProvider();
    const subject = Subject.pods(Selector.labels({ app: 'web' }), 'prod');
    new AllowFrom(stack, 'A', { subject, peers: [Peer.pods(Selector.labels({ app: 'lb' }))], ports: [Port.tcp(80)], engine: Engine.CALICO });
    const error = netpolError(() => new AllowFrom(stack, 'B', {
      subject, peers: [Peer.pods(Selector.labels({ app: 'lb' }))], ports: [Port.tcp(80)], engine: Engine.CALICO_CRD,
    }));
    expect([error.code, error.path]).toEqual([ErrorCode.TERRAFORM_NAME_COLLISION, 'cluster/B']);
    expect(error.message).toContain('kubernetes_manifest.networkpolicy_prod_web-ingress-from-lb');
    expect(error.message).toContain('cluster/A');
  });

  test('POLICY_NAME_COLLISION within a stack; stacks may each target another cluster', () => {
    const stack = stackWithProvider();
    new DefaultDeny(stack, 'A', { namespaceName: 'prod' });
    const collision = netpolError(() => new DefaultDeny(stack, 'B', { namespaceName: 'prod' }));
    expect([collision.code, collision.path]).toEqual([ErrorCode.POLICY_NAME_COLLISION, 'cluster/B']);
    expect(collision.message).toContain('cluster/A');
    const other = new TerraformStack(stack.node.scope as App, 'other-cluster');
    expect(() => new DefaultDeny(other, 'A', { namespaceName: 'prod' })).not.toThrow();
  });

  test('warnings are recorded and printed once when the stack synthesizes', () => {
    const stack = stackWithProvider();
    new AllowFrom(stack, 'Lan', {
      subject: Subject.pods(Selector.labels({ app: 'web' }), 'prod'),
      peers: [Peer.ipBlock('10.0.0.0/8')],
      ports: [Port.tcp(80)],
      engine: Engine.CILIUM,
    });
    expect(Diagnostics.of(stack).map(d => [d.code, d.path])).toEqual([['CILIUM_CIDR_NOT_PODS', 'cluster/Lan']]);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      Testing.synth(stack, true);
      Testing.synth(stack, true);
      expect(warn.mock.calls.map(c => String(c[0])).filter(m => m.includes('CILIUM_CIDR_NOT_PODS'))).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});
