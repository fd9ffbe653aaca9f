import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NAMESPACES, Variant } from './workload';

/** The same rules with cdk8s-plus-27; it lays manifests out its own way, so only the object count is compared. */
export const plusVariant: Variant = {
  name: 'cdk8s-plus-27',
  build() {
    const app = new App();
    for (const namespace of NAMESPACES) {
      const chart = new Chart(app, namespace, { namespace });
      const frontend = kplus.Pods.select(chart, 'Frontend', { labels: { app: 'frontend' } });
      const api = kplus.Pods.select(chart, 'Api', { labels: { app: 'api' } });
      const database = kplus.Pods.select(chart, 'Database', { labels: { app: 'database' } });
      const kubeDns = kplus.Pods.select(chart, 'KubeDns', {
        labels: { 'k8s-app': 'kube-dns' },
        namespaces: kplus.Namespaces.select(chart, 'KubeSystem', { names: ['kube-system'] }),
      });
      const ingressNginx = kplus.Pods.select(chart, 'IngressNginx', {
        labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
        namespaces: kplus.Namespaces.select(chart, 'IngressNginxNamespace', { names: ['ingress-nginx'] }),
      });

      new kplus.NetworkPolicy(chart, 'DefaultDeny', {
        metadata: { name: 'default-deny-all' },
        ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
        egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
      });
      const dns = new kplus.NetworkPolicy(chart, 'Dns', { metadata: { name: 'allow-dns' } });
      dns.addEgressRule(kubeDns, [kplus.NetworkPolicyPort.tcp(53), kplus.NetworkPolicyPort.udp(53)]);
      const frontendIngress = new kplus.NetworkPolicy(chart, 'FrontendIngress', { metadata: { name: 'frontend-ingress-from-ingress-nginx' }, selector: frontend });
      frontendIngress.addIngressRule(ingressNginx, [kplus.NetworkPolicyPort.tcp(8080)]);
      const apiIngress = new kplus.NetworkPolicy(chart, 'ApiIngress', { metadata: { name: 'api-ingress-from-frontend' }, selector: api });
      apiIngress.addIngressRule(frontend, [kplus.NetworkPolicyPort.tcp(8080)]);
      const databaseIngress = new kplus.NetworkPolicy(chart, 'DatabaseIngress', { metadata: { name: 'database-ingress-from-api' }, selector: database });
      databaseIngress.addIngressRule(api, [kplus.NetworkPolicyPort.tcp(5432)]);
    }
    return app;
  },
};
