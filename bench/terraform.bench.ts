// cdk-netpol in a cdktf TerraformStack against hand-written `kubernetes_network_policy_v1` resources:
// the same 5,000 policies, one stack, `stack.toTerraform()` + JSON in memory. Run by `npm run bench`.
import { NetworkPolicyV1, NetworkPolicyV1Config } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { median, pairedRatio, table, toMs } from './stats';
import { NAMESPACES, POLICY_COUNT } from './workload';
import { AllowDns, AllowFrom, DefaultDeny, Diagnostics, Port, Selector, Subject, ThreeTierApp } from '../lib';

interface TerraformVariant {
  readonly name: string;
  build(stack: TerraformStack): void;
}

const netpol: TerraformVariant = {
  name: 'cdk-netpol, check off',
  build(stack) {
    for (const namespaceName of NAMESPACES) {
      const ns = new Construct(stack, namespaceName);
      const frontend = Subject.pods(Selector.labels({ app: 'frontend' }), namespaceName);
      const api = Subject.pods(Selector.labels({ app: 'api' }), namespaceName);
      const database = Subject.pods(Selector.labels({ app: 'database' }), namespaceName);
      new DefaultDeny(ns, 'DefaultDeny', { namespaceName });
      new AllowDns(ns, 'Dns', { namespaceName });
      new AllowFrom(ns, 'FrontendIngress', { subject: frontend, peers: [ThreeTierApp.INGRESS_NGINX], ports: [Port.tcp(8080)] });
      new AllowFrom(ns, 'ApiIngress', { subject: api, peers: [frontend.asPeer(namespaceName)], ports: [Port.tcp(8080)] });
      new AllowFrom(ns, 'DatabaseIngress', { subject: database, peers: [api.asPeer(namespaceName)], ports: [Port.tcp(5432)] });
    }
  },
};

// Hand-written resources, deliberately not produced by cdk-netpol: the floor it is measured against.
const labels = { 'app.kubernetes.io/managed-by': 'cdk-netpol' };
function resource(scope: Construct, namespace: string, name: string, spec: NetworkPolicyV1Config['spec']): void {
  new NetworkPolicyV1(scope, name, { metadata: { labels, name, namespace }, spec }).overrideLogicalId(`${namespace}_${name}`);
}
function ingress(scope: Construct, namespace: string, name: string, app: string, from: any[], port: number): void {
  resource(scope, namespace, name, { ingress: [{ from, ports: [{ port: String(port), protocol: 'TCP' }] }], podSelector: { matchLabels: { app } }, policyTypes: ['Ingress'] });
}
// Peers in the policy's own namespace need no namespaceSelector.
const pods = (_namespace: string, app: string) => ({ podSelector: { matchLabels: { app } } });
const raw: TerraformVariant = {
  name: 'raw NetworkPolicyV1',
  build(stack) {
    for (const namespace of NAMESPACES) {
      const ns = new Construct(stack, namespace);
      resource(ns, namespace, 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      resource(ns, namespace, 'allow-dns', {
        egress: [{
          ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }],
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        }],
        podSelector: {},
        policyTypes: ['Egress'],
      });
      ingress(ns, namespace, 'frontend-ingress-from-ingress-nginx', 'frontend', [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      }], 8080);
      ingress(ns, namespace, 'api-ingress-from-frontend', 'api', [pods(namespace, 'frontend')], 8080);
      ingress(ns, namespace, 'database-ingress-from-api', 'database', [pods(namespace, 'api')], 5432);
    }
  },
};

const runs = Number(process.env.BENCH_RUNS ?? 7);
// The acceptance bar against hand-written NetworkPolicyV1 resources.
const LIMIT = 1.15;
const variants = [netpol, raw];

function runOnce(variant: TerraformVariant): { ms: number; resources: string } {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  // The bar is for the whole-app check off (cdktf runs the check in app.synth(), which this bench does not call).
  const app = variant === netpol ? new App({ context: { [Diagnostics.WHOLE_APP_CHECK_CONTEXT]: false } }) : new App();
  const stack = new TerraformStack(app, 'netpol');
  new KubernetesProvider(stack, 'k8s', {});
  variant.build(stack);
  const json = JSON.stringify((stack as any).toTerraform().resource, (key, value) => (key === '//' ? undefined : value));
  return { ms: toMs(process.hrtime.bigint() - t0), resources: json };
}

console.log(`cdktf: ${POLICY_COUNT} kubernetes_network_policy_v1 resources in one stack, stack.toTerraform() in memory; 1 warm-up + ${runs} runs, interleaved`);
const warm = variants.map(runOnce);
if (warm[0].resources !== warm[1].resources) {
  const i = [...warm[0].resources].findIndex((c, k) => c !== warm[1].resources[k]);
  console.error(`bench: cdk-netpol and hand-written resources differ at ${i}:\n  ${warm[0].resources.slice(i - 200, i + 100)}\n  ${warm[1].resources.slice(i - 200, i + 100)}`);
  process.exit(2);
}
console.log(`equivalence: cdk-netpol == raw NetworkPolicyV1 resources, byte for byte (${warm[0].resources.length} bytes of JSON)`);
const samples = new Map(variants.map(v => [v, [] as number[]]));
for (let round = 0; round < runs; round++) {
  // Side by side, the order reversed every round: the bar is held against same-round ratios.
  for (const v of round % 2 === 0 ? variants : [...variants].reverse()) samples.get(v)!.push(runOnce(v).ms);
}
const rawMedian = median(samples.get(raw)!);
console.log(table(['variant', 'runs', 'median ms', 'min', 'max', 'vs raw'], variants.map(v => {
  const s = samples.get(v)!;
  return [v.name, String(s.length), median(s).toFixed(1), Math.min(...s).toFixed(1), Math.max(...s).toFixed(1), `${(median(s) / rawMedian).toFixed(2)}×`];
})));

const ratio = pairedRatio(samples.get(netpol)!, samples.get(raw)!);
console.log(`cdk-netpol / raw NetworkPolicyV1 = ${ratio.toFixed(2)}× (median of ${runs} same-round ratios; limit ${LIMIT.toFixed(2)}×)`);
if (ratio > LIMIT) {
  console.error(`FAIL: cdk-netpol costs more than ${LIMIT.toFixed(2)}× raw NetworkPolicyV1 resources in a cdktf stack`);
  process.exitCode = 1;
}
