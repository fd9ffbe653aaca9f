import { analyze, expectTruthTable, fixtureDocs } from './support/truth-table';

// The ipBlock cases of the upstream e2e suite on an IPv6 cluster: the suite computes the blocks from the pod IPs
// and switches to IPv6 forms when the pod IP is IPv6 (`hostMask = 128`; makeLargeCIDRForIP masks to /4).
// Source: kubernetes test/e2e/network/netpol/network_policy.go (see network-policy-e2e.test.ts for the IPv4 runs).
// Pod IPs here: fd00::<namespace 1..3>:<pod 1..3>, e.g. x/b = fd00::1:2, y/b = fd00::2:2.

const ipv6Cluster = () => fixtureDocs('e2e-cluster.yaml').map(d => {
  if (d.kind !== 'Pod') return d;
  const [ns, pod] = [['x', 'y', 'z'].indexOf(d.metadata.namespace) + 1, ['a', 'b', 'c'].indexOf(d.metadata.name) + 1];
  const ip = `fd00::${ns}:${pod}`;
  return { ...d, status: { podIP: ip, podIPs: [{ ip }] } };
});

describe('NetworkPolicy between server and client (IPv6 pod IPs)', () => {
  test('should allow egress access to server in CIDR block', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, It("should allow egress access to server in CIDR block")
    // podServerCIDR = y/b's IP with hostMask 128
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-cidr-egress-rule
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: fd00::2:2/128
`, ipv6Cluster());
    // e2e: reachability.ExpectAllEgress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "a"), NewPodString(nsY, "b"), true)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   .   X   X   X   X
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce except clause while egress access to server in CIDR block', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, It("should enforce except clause while egress access to server in CIDR block")
    // makeLargeCIDRForIP(fd00::1:2) = f000::/4; the except is x/b's IP with hostMask 128
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-cidr-egress-rule
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: f000::/4
        except:
        - fd00::1:2/128
`, ipv6Cluster());
    // e2e: reachability.Expect(NewPodString(nsX, "a"), NewPodString(nsX, "b"), false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('an IPv4 block never matches IPv6 pods', () => {
    // Derived: an ipBlock is one address family ("192.168.1.1/24" or "2001:db8::/64", NetworkPolicyPeer.ipBlock);
    // 0.0.0.0/0 holds no IPv6 address, so x/a may reach no pod.
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ipv4-only
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/0
`, ipv6Cluster());
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   X   X   X   X   X
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });
});
