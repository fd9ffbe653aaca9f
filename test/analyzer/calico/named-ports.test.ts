import { analyzeCalico, expectFlows } from './support';
import { buildCluster } from '../../../lib/analyzer/load';

// Named ports without a rule protocol. Calico accepts a rule whose ports are all named and that sets no protocol
// (libcalico-go/lib/validator/v3/validator.go validateRule: without a protocol, only numeric ports and ranges are
// refused, "rules with numeric port or port range must set protocol to TCP or UDP or SCTP"), and matches each named
// port on the container port of that name whatever its protocol (felix/calc/rule_scanner.go: "named ports default
// to Any if protocol isn't specified").

describe('named ports without a protocol', () => {
  test('match the container port of that name, of any protocol (felix/fv/named_ports_test.go)', () => {
    // Source: https://github.com/projectcalico/calico/blob/master/felix/fv/named_ports_test.go, "with a policy with
    // nil protocol and named ports only": ingress allowed to the named ports of the selected workloads, "Numeric port
    // not in list" denied. Here on the e2e cluster, whose pods name their ports serve-<port>-<protocol>.
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: policy-1
  namespace: x
spec:
  selector: all()
  ingress:
  - action: Allow
    destination:
      selector: pod == 'a' || pod == 'b'
      ports: [serve-80-tcp, serve-81-udp, serve-80-sctp]
`);
    expectFlows(a, `
      y/a -> x/a 80/TCP .
      y/a -> x/a 81/UDP .
      y/a -> x/a 80/SCTP .
      y/a -> x/b 80/TCP .
      y/a -> x/a 81/TCP X
      y/a -> x/a 80/UDP X
      y/a -> x/c 80/TCP X
    `);
  });

  test('one name on ports of different numbers ("Named ports", docs.tigera.io reference/resources/networkpolicy#ports)', () => {
    // Source: https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#ports (_ports.mdx): "suppose
    // you have multiple HTTP servers running as workloads; some exposing their HTTP port on port 80 and others on port
    // 8080. In each workload, you could create a named port called http-port that maps to the correct local port.
    // Then, in a rule, you could refer to the name http-port instead of writing a different rule for each type of
    // server."
    const server = (name: string, port: number) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: web, labels: {role: http}}
spec: {containers: [{name: main, image: x, ports: [{containerPort: ${port}, name: http-port}]}]}
`;
    const a = analyzeCalico([server('old', 80), server('new', 8080), `
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: web, labels: {role: client}}
spec: {containers: [{name: main, image: x}]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: http, namespace: web}
spec:
  selector: role == 'http'
  ingress:
  - action: Allow
    destination:
      ports: [http-port]
`].join('---'), { base: [] });
    expectFlows(a, `
      web/client -> web/old 80/TCP .
      web/client -> web/new 8080/TCP .
      web/client -> web/old 8080/TCP X
      web/client -> web/new 80/TCP X
    `);
  });

  test('the loader accepts them, and still refuses numeric ports without a protocol', () => {
    const gnp = (ports: unknown[]) => ({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'g' },
      spec: { ingress: [{ action: 'Allow', destination: { ports } }] },
    });
    expect(() => buildCluster([gnp(['http', 'metrics'])])).not.toThrow();
    expect(() => buildCluster([gnp(['http', 80])])).toThrow(
      'spec.ingress[0].destination.ports: needs protocol TCP, UDP or SCTP on the rule (got no protocol); Calico refuses numeric ports and port ranges without one (named ports alone need none)');
    expect(() => buildCluster([gnp(['8000:8080'])])).toThrow('needs protocol TCP, UDP or SCTP on the rule (got no protocol)');
  });
});
