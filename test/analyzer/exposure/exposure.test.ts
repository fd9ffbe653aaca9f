// Exposure on the three-tier example (its README: the frontend takes requests from ingress-nginx only, the api reaches
// the payment provider's network on 443) and on a namespace without policies (everything open).
import * as os from 'os';
import * as path from 'path';
import * as threeTierProduction from '../../../examples/three-tier-production/main';
import { exposureOf } from '../../../lib/analyzer/exposure';
import { WorkloadSpec, analyze, declareWorkloads } from '../../../lib/testing';

const ns = threeTierProduction.NAMESPACE;
const deployment = (namespace: string, name: string, labels: Record<string, string>, ports: WorkloadSpec['ports'] = []): WorkloadSpec =>
  ({ namespace, name, kind: 'Deployment', labels, ports });
const WORKLOADS: WorkloadSpec[] = [
  deployment(ns, 'frontend', { app: 'frontend' }, [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }]),
  deployment(ns, 'api', { app: 'api' }, [{ name: 'http', port: 8080 }]),
  deployment(ns, 'database', { app: 'database' }, [{ name: 'postgres', port: 5432 }]),
  deployment('ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' }, [{ name: 'http', port: 80 }]),
  deployment('monitoring', 'prometheus', { 'app.kubernetes.io/name': 'prometheus' }, [{ name: 'web', port: 9090 }]),
  deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }]),
  // A namespace no policy selects.
  deployment('sandbox', 'toy', { app: 'toy' }, [{ name: 'http', port: 8080 }]),
];

function exposure() {
  const app = threeTierProduction.createApp(path.join(os.tmpdir(), 'cdk-netpol-exposure'));
  declareWorkloads(app, WORKLOADS);
  const { cluster } = analyze(app, 'kubernetes');
  return exposureOf(cluster, 'kubernetes');
}

describe('exposure', () => {
  const result = exposure();
  const of = (name: string) => result.workloads.find(w => w.workload === name)!;

  test('the frontend takes requests on 8080 from the ingress controller only, and on metrics from Prometheus only', () => {
    const frontend = of(`${ns}/frontend`);
    expect(frontend.ingressOpen).toBe(false);
    expect(frontend.ingress).toEqual([
      { port: '8080/TCP (http)', fromOutside: [], fromEveryNamespace: false, fromOwnNamespace: false, fromWorkloads: ['ingress-nginx/controller'] },
      { port: '9090/TCP (metrics)', fromOutside: [], fromEveryNamespace: false, fromOwnNamespace: false, fromWorkloads: ['monitoring/prometheus'] },
    ]);
  });

  test("the api's only way out of the cluster is the payment provider's network on 443", () => {
    const api = of(`${ns}/api`);
    expect(api.egressOpen).toBe(false);
    expect(api.egress).toEqual([{ to: threeTierProduction.PAYMENT_PROVIDER_CIDR, ports: ['443/TCP'] }]);
    expect(of(`${ns}/frontend`).egress).toEqual([]);
    expect(of(`${ns}/database`).egress).toEqual([]);
  });

  test('a namespace without policies is open both ways, and listed first', () => {
    const toy = of('sandbox/toy');
    expect([toy.ingressOpen, toy.egressOpen]).toEqual([true, true]);
    expect(toy.ingress).toEqual([{
      port: '8080/TCP (http)',
      fromOutside: ['any address'],
      fromEveryNamespace: true,
      fromOwnNamespace: true,
      // The production pods are held back by their own default deny: only pods of namespaces without policies get there.
      fromWorkloads: ['ingress-nginx/controller', 'kube-system/coredns', 'monitoring/prometheus'],
    }]);
    expect(toy.egress).toEqual([{ to: 'any address', ports: ['any port'] }]);
    const open = result.workloads.filter(w => w.ingressOpen || w.egressOpen).map(w => w.workload);
    expect(result.workloads.slice(0, open.length).map(w => w.workload)).toEqual(open);
    expect(open).toContain('sandbox/toy');
    expect(open).not.toContain(`${ns}/api`);
  });
});
