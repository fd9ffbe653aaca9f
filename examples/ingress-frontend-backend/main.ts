import * as path from 'path';
import { App, Chart } from 'cdk8s';
// cdk8s-plus-27 is a devDependency: the library does not need it, the example does.
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AllowDns, AllowFlow, AllowFrom, AllowTo, DefaultDeny, Peer, Port, Selector, Subject } from '../../lib';

/** Frontend container ports the ingress controller reaches. */
export const FRONTEND_PORTS = [Port.HTTPS, Port.tcp(8443)];
/** Backend container port the frontend reaches. */
export const BACKEND_PORT = Port.tcp(8080);
/**
 * The Kubernetes API server the controller watches (a documentation address: replace it with your
 * control plane's, from `kubectl get endpoints kubernetes`): most CNIs match the endpoint, not the Service IP.
 */
export const API_SERVER_CIDR = '192.0.2.10/32';
/** The API server's port on that endpoint (6443 on kubeadm clusters, 443 on most managed ones). */
export const API_SERVER_PORT = Port.tcp(6443);

/** A namespace that denies everything but DNS; the flows below open the rest. */
class IsolatedNamespace extends Chart {
  public constructor(scope: Construct, namespaceName: string) {
    super(scope, namespaceName, { namespace: namespaceName });
    new DefaultDeny(this, 'DefaultDeny');
    new AllowDns(this, 'Dns');
  }
}

/** The Deployments this example reads. */
export interface Workloads {
  /** The cdk8s app that owns them; it is deployed by the application team, not written by this example. */
  readonly app: App;
  /** The frontend Deployment, in namespace `frontend`. */
  readonly frontend: kplus.Deployment;
  /** The backend Deployment, in namespace `backend`. */
  readonly backend: kplus.Deployment;
}

/**
 * The application team's workloads, in their own cdk8s app. Policies only read their selectors,
 * so the policy app below holds nothing but policies.
 */
export function createWorkloads(): Workloads {
  const app = new App();
  const frontend = new kplus.Deployment(new Chart(app, 'frontend', { namespace: 'frontend' }), 'frontend', {
    metadata: { name: 'frontend' },
    containers: [{
      name: 'web',
      image: 'registry.example.com/shop/frontend:1.4.2',
      ports: [{ name: 'https', number: 443 }, { name: 'https-alt', number: 8443 }],
      securityContext: { user: 1000 },
    }],
  });
  const backend = new kplus.Deployment(new Chart(app, 'backend', { namespace: 'backend' }), 'backend', {
    metadata: { name: 'backend' },
    containers: [{
      name: 'api',
      image: 'registry.example.com/shop/backend:2.0.1',
      ports: [{ name: 'http', number: 8080 }],
      securityContext: { user: 1000 },
    }],
  });
  return { app, frontend, backend };
}

/** Builds the example app; `synth()` writes one YAML file per namespace chart and one for the flows. */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'ingress-frontend-backend')): App {
  const app = new App({ outdir });
  const ingressNs = new IsolatedNamespace(app, 'ingress');
  new IsolatedNamespace(app, 'frontend');
  new IsolatedNamespace(app, 'backend');

  // The controller is installed by its Helm chart, so it is selected by its labels.
  const controller = Subject.pods(Selector.labels({ 'app.kubernetes.io/name': 'ingress-nginx' }), 'ingress');

  // The application team's Deployments: their pod selectors and namespaces are read from them.
  const { frontend, backend } = createWorkloads();

  // The controller is the cluster's front door: it takes traffic from anywhere on 80 and 443.
  new AllowFrom(ingressNs, 'PublicTraffic', {
    subject: controller,
    peers: [Peer.anywhere()],
    ports: [Port.HTTP, Port.HTTPS],
  });
  // Default deny also cuts the controller off the API server, and without it the controller sees no Ingress.
  new AllowTo(ingressNs, 'ApiServer', {
    subject: controller,
    peers: [Peer.ipBlock(API_SERVER_CIDR).withDisplayName('kube-apiserver')],
    ports: [API_SERVER_PORT],
  });

  // Each flow renders an egress policy in the source namespace and an ingress policy in the destination:
  // with default deny on both sides, one without the other would drop the traffic.
  const flows = new Chart(app, 'flows');
  new AllowFlow(flows, 'ControllerToFrontend', {
    source: controller,
    destination: Subject.workload(frontend),
    ports: FRONTEND_PORTS,
  });
  new AllowFlow(flows, 'FrontendToBackend', {
    source: Subject.workload(frontend),
    destination: Subject.workload(backend),
    ports: [BACKEND_PORT],
  });

  return app;
}

if (require.main === module) {
  createApp().synth();
}
