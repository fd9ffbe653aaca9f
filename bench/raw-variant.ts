import { ApiObject, App, Chart } from 'cdk8s';
import { NAMESPACES, Variant } from './workload';

// Hand-written manifests, deliberately not produced by cdk-netpol: this is the floor it is measured against.
// Keys follow cdk-netpol's output so the YAML is byte-identical.

function networkPolicy(namespace: string, name: string, spec: any): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' },
      name,
      namespace,
    },
    spec,
  };
}

function allowIngress(namespace: string, name: string, app: string, from: any[], port: number): any {
  return networkPolicy(namespace, name, {
    ingress: [{ from, ports: [{ port, protocol: 'TCP' }] }],
    podSelector: { matchLabels: { app } },
    policyTypes: ['Ingress'],
  });
}

/** The same manifests as plain ApiObjects: no intents, no validation. */
export const rawVariant: Variant = {
  name: 'raw ApiObject',
  build() {
    const app = new App();
    for (const namespace of NAMESPACES) {
      const chart = new Chart(app, namespace, { namespace });
      new ApiObject(chart, 'default-deny-all', networkPolicy(namespace, 'default-deny-all', {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      }));
      new ApiObject(chart, 'allow-dns', networkPolicy(namespace, 'allow-dns', {
        egress: [{
          ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }],
          to: [{
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          }],
        }],
        podSelector: {},
        policyTypes: ['Egress'],
      }));
      new ApiObject(chart, 'frontend-ingress-from-ingress-nginx', allowIngress(namespace, 'frontend-ingress-from-ingress-nginx', 'frontend', [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      }], 8080));
      new ApiObject(chart, 'api-ingress-from-frontend', allowIngress(namespace, 'api-ingress-from-frontend', 'api', [{
        podSelector: { matchLabels: { app: 'frontend' } },
      }], 8080));
      new ApiObject(chart, 'database-ingress-from-api', allowIngress(namespace, 'database-ingress-from-api', 'database', [{
        podSelector: { matchLabels: { app: 'api' } },
      }], 5432));
    }
    return app;
  },
};
