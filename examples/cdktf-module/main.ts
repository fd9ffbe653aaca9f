import * as fs from 'fs';
import * as path from 'path';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, LocalBackend, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { ClusterDefaultDeny, Engine, Selector, Subject, ThreeTierApp } from '../../lib';

/** The namespace of the shop's three tiers. */
export const SHOP_NAMESPACE = 'shop';
/** The node-local DNS cache address every pod may query, besides the cluster DNS. */
export const NODE_LOCAL_DNS = '169.254.20.10';

/** Props of the module: what a platform team sets per cluster. */
export interface NetworkPolicyModuleProps {
  /** Namespace of the three-tier app. */
  readonly namespaceName: string;
  /** Isolate every namespace that is not exempt (a Calico GlobalNetworkPolicy after NetworkPolicies, order 2000). */
  readonly clusterDefaultDeny: boolean;
}

/**
 * A Terraform module-like stack: the shop's zero-trust namespace as `kubernetes_network_policy_v1`
 * resources, and the cluster default deny as a `kubernetes_manifest` (Calico GlobalNetworkPolicy).
 * The constructs are the same as in a cdk8s Chart; the stack makes them Terraform resources.
 */
export class NetworkPolicyStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: NetworkPolicyModuleProps) {
    super(scope, id);
    // A state path relative to the stack's folder: the default is absolute, which would make the JSON depend on the checkout.
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    // Provider settings come from the environment (KUBE_CONFIG_PATH, KUBE_CTX...), as in any Terraform root module.
    const kubeconfig = new TerraformVariable(this, 'kubeconfig_path', { type: 'string', default: '~/.kube/config', description: 'kubeconfig of the cluster' });
    new KubernetesProvider(this, 'kubernetes', { configPath: kubeconfig.stringValue });

    new ThreeTierApp(this, 'Shop', {
      namespaceName: props.namespaceName,
      frontend: Subject.pods(Selector.labels({ app: 'frontend' })),
      api: Subject.pods(Selector.labels({ app: 'api' })),
      database: Subject.pods(Selector.labels({ app: 'database' })),
      apiExternalEgress: {},
      dns: { nodeLocalDnsAddresses: [NODE_LOCAL_DNS] },
    });

    if (props.clusterDefaultDeny) {
      new ClusterDefaultDeny(this, 'ClusterDefaultDeny', {
        engine: Engine.CALICO,
        exemptNamespaces: [...ClusterDefaultDeny.SYSTEM_NAMESPACES, 'ingress-nginx'],
        nodeLocalDnsAddresses: [NODE_LOCAL_DNS],
      });
    }
  }
}

/** Builds the example app; `synth()` writes `stacks/shop-network-policy/cdk.tf.json` for `terraform plan`. */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'cdktf-module')): App {
  // cdktf creates only the last folder of outdir.
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  new NetworkPolicyStack(app, 'shop-network-policy', { namespaceName: SHOP_NAMESPACE, clusterDefaultDeny: true });
  return app;
}

if (require.main === module) {
  createApp().synth();
}
