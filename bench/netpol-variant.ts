import { App, Chart } from 'cdk8s';
import { NAMESPACES, Variant } from './workload';
import { AllowDns, AllowFrom, DefaultDeny, Diagnostics, ErrorCode, Port, Selector, Subject, ThreeTierApp } from '../lib';

/** The workload as cdk-netpol intents, the way a user would write it; the whole-app check on (the default) or off. */
function netpolVariantOf(name: string, wholeAppCheck: boolean): Variant {
  return {
    name,
    build() {
      const app = new App();
      if (!wholeAppCheck) app.node.setContext(Diagnostics.WHOLE_APP_CHECK_CONTEXT, false);
      // The workload opens ingress only, as the hand-written baseline does: its tier-to-tier allows are dead on purpose.
      Diagnostics.acknowledge(app, ErrorCode.ALLOW_BLOCKED, 'benchmark workload: ingress-only rules, as in the hand-written baseline');
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
}

/** cdk-netpol as users run it: the whole-app check on. */
export const netpolVariant: Variant = netpolVariantOf('cdk-netpol', true);

/** cdk-netpol with the whole-app check turned off (`cdk-netpol:wholeAppCheck: false`). */
export const netpolUncheckedVariant: Variant = netpolVariantOf('cdk-netpol, check off', false);
