import { App, Chart } from 'cdk8s';
import { NAMESPACES, Variant } from './workload';
import { AllowDns, AllowFrom, DefaultDeny, Port, Selector, Subject, ThreeTierApp } from '../lib';

/** The workload as cdk-netpol intents, the way a user would write it. */
export const netpolVariant: Variant = {
  name: 'cdk-netpol',
  build() {
    const app = new App();
    for (const namespace of NAMESPACES) {
      const chart = new Chart(app, namespace, { namespace });
      const frontend = Subject.pods(Selector.labels({ app: 'frontend' }));
      const api = Subject.pods(Selector.labels({ app: 'api' }));
      const database = Subject.pods(Selector.labels({ app: 'database' }));
      new DefaultDeny(chart, 'DefaultDeny');
      new AllowDns(chart, 'Dns');
      new AllowFrom(chart, 'FrontendIngress', { subject: frontend, peers: [ThreeTierApp.INGRESS_NGINX], ports: [Port.tcp(8080)] });
      new AllowFrom(chart, 'ApiIngress', { subject: api, peers: [frontend.asPeer(namespace)], ports: [Port.tcp(8080)] });
      new AllowFrom(chart, 'DatabaseIngress', { subject: database, peers: [api.asPeer(namespace)], ports: [Port.tcp(5432)] });
    }
    return app;
  },
};
