import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns, DefaultDeny } from '../../lib';

/** The namespaces that get the baseline. */
export const NAMESPACES = ['payments', 'orders', 'catalog'];
/** The node-local DNS cache (NodeLocal DNSCache's default link-local address). */
export const NODE_LOCAL_DNS = '169.254.20.10';

/** Props of `Baseline`. */
export interface BaselineProps {
  /** The namespaces to isolate. */
  readonly namespaceNames: string[];
  /** Node-local DNS cache addresses, allowed besides the cluster DNS pods. */
  readonly nodeLocalDnsAddresses: string[];
}

/** Deny all ingress and egress in each namespace, except DNS. Applications add their own allow policies. */
export class Baseline extends Construct {
  public constructor(scope: Construct, id: string, props: BaselineProps) {
    super(scope, id);
    for (const namespaceName of props.namespaceNames) {
      const ns = new Construct(this, namespaceName);
      new DefaultDeny(ns, 'DefaultDeny', { namespaceName });
      // Pods whose resolver points at the node-local cache query it directly, so both are allowed.
      new AllowDns(ns, 'Dns', { namespaceName, nodeLocalDnsAddresses: props.nodeLocalDnsAddresses });
    }
  }
}

/** Builds the example app; `synth()` writes one YAML file with the baseline of every namespace. */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'baseline-deny-dns')): App {
  const app = new App({ outdir });
  const chart = new Chart(app, 'baseline');
  new Baseline(chart, 'Baseline', { namespaceNames: NAMESPACES, nodeLocalDnsAddresses: [NODE_LOCAL_DNS] });
  return app;
}

if (require.main === module) {
  createApp().synth();
}
