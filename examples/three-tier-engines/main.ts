import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Diagnostics, Engine, Port, Selector, Subject, ThreeTierApp } from '../../lib';

/** The four engines, in the order the charts are written (named, so a new engine is a deliberate addition). */
export const ENGINES = [Engine.KUBERNETES, Engine.CALICO, Engine.CALICO_CRD, Engine.CILIUM];

/**
 * What "external" excludes: RFC 1918 and the RFC 6598 shared address space (100.64.0.0/10), the ranges pod
 * networks are carved from. Excepting them all keeps the four dialects equivalent: a Kubernetes or Calico
 * ipBlock matches pod IPs, a Cilium CIDR rule never does, so a pod must not sit inside the allowed block.
 */
export const NOT_EXTERNAL = [...ThreeTierApp.PRIVATE_RANGES, '100.64.0.0/10'];

/** The namespace of the copy rendered for `engine`, e.g. `shop-calico-crd`. */
export function namespaceFor(engine: Engine): string {
  return `shop-${engine.name}`;
}

/**
 * Builds the example app; `synth()` writes one YAML file per engine (`kubernetes.k8s.yaml`,
 * `calico.k8s.yaml`, `calico-crd.k8s.yaml`, `cilium.k8s.yaml`), each the same intent in its dialect.
 */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'three-tier-engines')): App {
  const app = new App({ outdir });
  for (const engine of ENGINES) {
    const chart = new Chart(app, engine.name, { namespace: namespaceFor(engine) });
    if (engine === Engine.CALICO_CRD) {
      Diagnostics.acknowledge(chart, 'CALICO_CRD_MANAGED',
        'this copy is for managed Calico (AKS), which has no Calico API server: raw crd.projectcalico.org/v1 objects are the only way in');
    }
    // The same intent for every engine: only `engine` changes.
    new ThreeTierApp(chart, 'Shop', {
      frontend: Subject.pods(Selector.labels({ app: 'frontend' })),
      api: Subject.pods(Selector.labels({ app: 'api' })),
      database: Subject.pods(Selector.labels({ app: 'database' })),
      frontendPorts: [Port.tcp(8080)],
      apiPorts: [Port.tcp(8080)],
      databasePorts: [Port.tcp(5432)],
      // Anywhere on the internet on 443, private and shared ranges excepted.
      apiExternalEgress: { cidrs: ['0.0.0.0/0'], exceptCidrs: NOT_EXTERNAL, ports: [Port.HTTPS] },
      engine,
    });
  }
  return app;
}

if (require.main === module) {
  createApp().synth();
}
