import { brief, cluster, deployment, netpol, service } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { npServicePortNotContainerPort } from '../../../lib/analyzer/lints/kubernetes/service-port-not-container-port';

const WEB = deployment('prod', 'web', { app: 'web' }, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
const CLIENT = deployment('prod', 'client', { app: 'client' });
const WEB_SVC = service('prod', 'web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]);

function ingressOn(port: any[]) {
  return netpol('prod', 'web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: port }] });
}

const WARNING = [{ code: LintCode.NP_SERVICE_PORT_NOT_CONTAINER_PORT, severity: 'warning', subject: 'NetworkPolicy prod/web' }];

describe('NP_SERVICE_PORT_NOT_CONTAINER_PORT', () => {
  test('can find the Service port where the container port is meant', () => {
    const c = cluster({ endpoints: [WEB], services: [WEB_SVC], policies: [ingressOn([{ port: 80 }])] });
    const findings = npServicePortNotContainerPort.check(c);
    expect(brief(findings)).toEqual(WARNING);
    expect(findings[0].message).toContain('spec.ingress[0].ports[0] opens 80/TCP');
    expect(findings[0].message).toContain('use port 8080');
  });

  test('cannot find anything for the container port', () => {
    const c = cluster({ endpoints: [WEB], services: [WEB_SVC], policies: [ingressOn([{ port: 8080 }])] });
    expect(npServicePortNotContainerPort.check(c)).toEqual([]);
  });

  test('can resolve a named targetPort on the pods', () => {
    const named = service('prod', 'web', { app: 'web' }, [{ port: 80, targetPort: 'http', protocol: 'TCP' }]);
    const c = cluster({ endpoints: [WEB], services: [named], policies: [ingressOn([{ protocol: 'TCP', port: 80 }])] });
    expect(brief(npServicePortNotContainerPort.check(c))).toEqual(WARNING);
  });

  test('can find the Service port in an egress rule towards the pods', () => {
    const egress = netpol('prod', 'client', {
      podSelector: { matchLabels: { app: 'client' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] }],
    });
    const c = cluster({ endpoints: [WEB, CLIENT], services: [WEB_SVC], policies: [egress] });
    const findings = npServicePortNotContainerPort.check(c);
    expect(brief(findings)).toEqual([{ ...WARNING[0], subject: 'NetworkPolicy prod/client' }]);
    expect(findings[0].message).toContain('spec.egress[0].ports[0]');
  });

  test('cannot find anything without Services, with the target port also open, or for another protocol', () => {
    expect(npServicePortNotContainerPort.check(cluster({ endpoints: [WEB], policies: [ingressOn([{ port: 80 }])] }))).toEqual([]);
    const both = cluster({ endpoints: [WEB], services: [WEB_SVC], policies: [ingressOn([{ port: 80 }, { port: 8080 }])] });
    expect(npServicePortNotContainerPort.check(both)).toEqual([]);
    const udp = cluster({ endpoints: [WEB], services: [WEB_SVC], policies: [ingressOn([{ protocol: 'UDP', port: 80 }])] });
    expect(npServicePortNotContainerPort.check(udp)).toEqual([]);
  });

  test('cannot find anything when the container also listens on the Service port', () => {
    const listening = deployment('prod', 'web', { app: 'web' }, [{ port: 80, protocol: 'TCP' }, { port: 8080, protocol: 'TCP' }]);
    const c = cluster({ endpoints: [listening], services: [WEB_SVC], policies: [ingressOn([{ port: 80 }])] });
    expect(npServicePortNotContainerPort.check(c)).toEqual([]);
  });
});
