import { App, Chart } from 'cdk8s';
import { DefaultDeny, DenyFrom, Engine, ErrorCode, Peer, Port, Selector, Subject } from '../../lib';
import { netpolError } from '../support/helpers';

// A rendered object's apiVersion, kind, namespace and name must be unique in an App (kubectl would apply the second
// over the first); the error names both construct paths.

const clusterWideDeny = (scope: Chart, id: string) => new DenyFrom(scope, id, {
  subject: Subject.pods(Selector.labels({ app: 'db' })),
  namespaceSelector: Selector.labels({ team: 'a' }),
  peers: [Peer.anywhere()],
  ports: [Port.allPorts()],
  engine: Engine.CALICO,
});

describe('rendered names', () => {
  test('collide across Charts of one App, naming the construct that took the name first', () => {
    const app = new App();
    new DefaultDeny(new Chart(app, 'first', { namespace: 'prod' }), 'Deny');
    const error = netpolError(() => new DefaultDeny(new Chart(app, 'second', { namespace: 'prod' }), 'Deny'));
    expect([error.code, error.path]).toEqual([ErrorCode.POLICY_NAME_COLLISION, 'second/Deny']);
    expect(error.message).toContain('first/Deny');
  });

  test('collide for cluster-scoped kinds, which have no namespace', () => {
    const app = new App();
    clusterWideDeny(new Chart(app, 'a'), 'Deny');
    const error = netpolError(() => clusterWideDeny(new Chart(app, 'b'), 'Deny'));
    expect([error.code, error.path]).toEqual([ErrorCode.POLICY_NAME_COLLISION, 'b/Deny']);
    expect(error.message).toContain('a/Deny');
  });

  test('are free again in another namespace, another kind or another App', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'prod' });
    new DefaultDeny(chart, 'Deny');
    expect(() => new DefaultDeny(chart, 'OtherNamespace', { namespaceName: 'staging' })).not.toThrow();
    expect(() => new DefaultDeny(chart, 'OtherKind', { engine: Engine.CALICO })).not.toThrow();
    expect(() => new DefaultDeny(new Chart(new App(), 'c', { namespace: 'prod' }), 'Deny')).not.toThrow();
  });
});
