import { analyze, expectFlows } from './support/truth-table';

// AdminNetworkPolicy egress `networks` peers (CIDRs), on the e2e cluster (pods in 10.0.0.0/16).
// Source: kubernetes-sigs/network-policy-api apis/v1alpha1/shared_types.go, AdminNetworkPolicyEgressPeer.Networks:
// "Networks defines a way to select peers via CIDR blocks. This is intended for representing entities that live
// outside the cluster, which can't be selected by pods, namespaces and nodes peers, but note that cluster-internal
// traffic will be checked against the rule as well. So if you Allow or Deny traffic to "0.0.0.0/0", that will allow
// or deny all IPv4 pod-to-pod traffic as well. If you don't want that, add a rule that Passes all pod traffic before
// the Networks rule."

const anp = (rules: string) => `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: x-egress
spec:
  priority: 20
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  egress:
${rules}
`;

describe('AdminNetworkPolicy networks peers', () => {
  test('a Deny to 0.0.0.0/0 also denies pod-to-pod traffic', () => {
    expectFlows(analyze(anp(`
  - name: deny-everything
    action: Deny
    to:
    - networks:
      - 0.0.0.0/0`)), `
      x/a -> 203.0.113.5 443/TCP X
      x/a -> y/a 80/TCP X
      x/a -> x/b 80/TCP X
      y/a -> 203.0.113.5 443/TCP .
      y/a -> x/a 80/TCP .
    `);
  });

  test('a Pass for pod traffic before the Networks rule keeps pod-to-pod traffic out of it', () => {
    expectFlows(analyze(anp(`
  - name: pods-are-not-networks
    action: Pass
    to:
    - namespaces: {}
  - name: deny-everything
    action: Deny
    to:
    - networks:
      - 0.0.0.0/0`)), `
      x/a -> 203.0.113.5 443/TCP X
      x/a -> y/a 80/TCP .
      x/a -> x/b 80/TCP .
    `);
  });

  test('a networks peer matches by address: only the listed block', () => {
    expectFlows(analyze(anp(`
  - name: deny-test-net
    action: Deny
    to:
    - networks:
      - 192.0.2.0/24
      - 10.0.3.0/24`)), `
      x/a -> 192.0.2.10 443/TCP X
      x/a -> 198.51.100.1 443/TCP .
      x/a -> z/c 80/TCP X
      x/a -> y/c 80/TCP .
    `);
  });
});
