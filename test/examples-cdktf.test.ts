// The cdktf example: the Terraform JSON (snapshot), what it holds (exact assertions), and what it means
// once the provider has created it (the analyzer reads the stack as the kubernetes provider would).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NODE_LOCAL_DNS, SHOP_NAMESPACE, createApp } from '../examples/cdktf-module/main';
import { objectsOfTerraform } from '../lib/analyzer/from-terraform';
import { FlowSpec, WorkloadSpec, declareWorkloads, installMatchers } from '../lib/testing';

installMatchers();

const repoRoot = path.resolve(__dirname, '..');
const STACK = 'shop-network-policy';

/** Synthesizes the example into a scratch folder, as `npx projen examples` does into dist/, and reads its stack. */
function synthesized(): any {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-cdktf-module-'));
  try {
    createApp(outdir).synth();
    return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', STACK, 'cdk.tf.json'), 'utf-8'));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const deployment = (namespace: string, name: string, labels: Record<string, string>, ports: WorkloadSpec['ports'] = []): WorkloadSpec =>
  ({ namespace, name, kind: 'Deployment', labels, ports });

const WORKLOADS: WorkloadSpec[] = [
  deployment(SHOP_NAMESPACE, 'frontend', { app: 'frontend' }, [{ name: 'http', port: 8080 }]),
  deployment(SHOP_NAMESPACE, 'api', { app: 'api' }, [{ name: 'http', port: 8080 }]),
  deployment(SHOP_NAMESPACE, 'database', { app: 'database' }, [{ name: 'postgres', port: 5432 }]),
  deployment('ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' }, [{ name: 'http', port: 80 }]),
  deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }]),
  deployment('kube-system', 'metrics-server', { 'k8s-app': 'metrics-server' }, [{ name: 'https', port: 10250 }]),
  deployment('team-x', 'app', { app: 'x' }, [{ name: 'http', port: 8080 }]),
];

describe('cdktf-module', () => {
  test('synthesizes with App.synth (snapshot)', () => {
    expect(synthesized()).toMatchSnapshot();
  });

  test('writes to dist/examples/cdktf-module by default, or to the given outdir', () => {
    expect(createApp().outdir).toEqual(path.join(repoRoot, 'dist', 'examples', 'cdktf-module'));
    expect(createApp('/tmp/elsewhere').outdir).toEqual('/tmp/elsewhere');
  });

  test('is byte-stable', () => {
    expect(JSON.stringify(synthesized())).toEqual(JSON.stringify(synthesized()));
  });

  test('holds the shop as native NetworkPolicies and the cluster default deny as a Calico manifest', () => {
    const config = synthesized();
    expect(Object.keys(config.resource.kubernetes_network_policy_v1).sort()).toEqual([
      'shop_allow-dns', 'shop_api-egress-to-database', 'shop_api-egress-to-internet', 'shop_api-ingress-from-frontend',
      'shop_database-ingress-from-api', 'shop_default-deny-all', 'shop_frontend-egress-to-api', 'shop_frontend-ingress-from-ingress-nginx',
    ]);
    expect(Object.keys(config.resource.kubernetes_manifest)).toEqual(['globalnetworkpolicy_cluster-default-deny']);
    expect(config.provider.kubernetes).toEqual([{ config_path: '${var.kubeconfig_path}' }]);
    const objects = objectsOfTerraform(config);
    const global = objects.find(o => o.kind === 'GlobalNetworkPolicy');
    expect([global.apiVersion, global.spec.order, global.spec.types]).toEqual(['projectcalico.org/v3', 2000, ['Ingress', 'Egress']]);
    expect(JSON.stringify(global.spec.egress)).toContain(`${NODE_LOCAL_DNS}/32`);
  });

  describe('under Calico semantics (NetworkPolicies at order 1000, the global deny at 2000)', () => {
    const app = () => {
      const a = createApp(path.join(os.tmpdir(), 'cdk-netpol-cdktf-module-judged'));
      declareWorkloads(a, WORKLOADS);
      return a;
    };

    test.each([
      ['ingress-nginx/controller', 'shop/frontend', 8080, true],
      ['shop/frontend', 'shop/api', 8080, true],
      ['shop/api', 'shop/database', 5432, true],
      ['shop/frontend', 'shop/database', 5432, false],
      ['shop/api', '203.0.113.10', 443, true],
      ['shop/api', '10.0.0.5', 443, false],
      // Namespaces without policies of their own are isolated by the cluster default deny...
      ['team-x/app', 'shop/frontend', 8080, false],
      ['shop/frontend', 'team-x/app', 8080, false],
      ['team-x/app', '203.0.113.10', 443, false],
      // ...while the exempt system namespaces stay open.
      ['kube-system/metrics-server', '203.0.113.10', 443, true],
      ['ingress-nginx/controller', 'kube-system/metrics-server', 10250, true],
    ])('%s -> %s:%d allowed: %s', (from, to, port, allowed) => {
      const flow: FlowSpec = { from, to, port, engine: 'calico' };
      if (allowed) expect(app()).toAllow(flow);
      else expect(app()).toDeny(flow);
    });

    test('every pod still resolves names, on UDP and TCP', () => {
      for (const from of ['shop/frontend', 'shop/database', 'team-x/app']) {
        expect(app()).toAllow({ from, to: 'kube-system/coredns', port: 53, protocol: 'UDP', engine: 'calico' });
        expect(app()).toAllow({ from, to: 'kube-system/coredns', port: 53, protocol: 'TCP', engine: 'calico' });
      }
    });
  });
});
