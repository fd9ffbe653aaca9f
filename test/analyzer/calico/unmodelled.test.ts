import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeCalico, expectFlows } from './support';
import { buildCluster, LoaderWarning } from '../../../lib/analyzer/load';
import { runCli } from '../../cli/harness';

// Objects a policy could refer to, or that would change what policies do, but that the analyzer does not model: each
// is listed on the cluster (`unmodelled`), warned about by the loader, and printed by check, explain and matrix.

const STAGED = `
apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata:
  name: default-deny
  namespace: x
spec:
  selector: all()
  types: [Ingress, Egress]
`;

describe('objects the analyzer does not model', () => {
  test('a staged policy is not enforced, and says so', () => {
    // Source: https://docs.tigera.io/calico/latest/reference/resources/stagednetworkpolicy: "These rules are used to
    // preview network behavior and do not to enforce network traffic."
    const a = analyzeCalico(STAGED);
    expectFlows(a, `
      y/a -> x/a 80/TCP .
      x/a -> y/a 80/TCP .
    `);
    expect(a.cluster.unmodelled).toEqual([{
      kind: 'StagedNetworkPolicy',
      apiVersion: 'projectcalico.org/v3',
      name: 'default-deny',
      namespace: 'x',
      source: 'policies.yaml#1',
      why: 'staged policies are not enforced (they only preview what a policy would do): no verdict depends on it',
    }]);
  });

  test.each([
    ['projectcalico.org/v3', 'HostEndpoint', false, 'host endpoints are not modelled'],
    ['crd.projectcalico.org/v1', 'Profile', false, 'Calico Profiles are not modelled'],
    ['projectcalico.org/v3', 'StagedGlobalNetworkPolicy', false, 'staged policies are not enforced'],
    ['projectcalico.org/v3', 'StagedKubernetesNetworkPolicy', true, 'staged policies are not enforced'],
    ['cilium.io/v2alpha1', 'CiliumCIDRGroup', false, 'cidrGroupRef'],
    ['cilium.io/v2', 'CiliumNode', false, 'Cilium nodes are not modelled'],
    ['v1', 'Node', false, 'nodes and host networking are not modelled'],
  ])('%s %s is listed and warned about', (apiVersion, kind, namespaced, why) => {
    const warnings: LoaderWarning[] = [];
    const doc = { apiVersion, kind, metadata: { name: 'n1', ...(namespaced ? { namespace: 'prod' } : {}) }, spec: {} };
    const cluster = buildCluster([doc], { onWarning: w => warnings.push(w) });
    expect(cluster.unmodelled).toEqual([expect.objectContaining({ kind, apiVersion, name: 'n1', why: expect.stringContaining(why) })]);
    expect(warnings).toEqual([{ source: '<input>', message: expect.stringMatching(new RegExp(`^<input>: document 1: ${kind} ${namespaced ? 'prod/' : ''}n1 \\(${apiVersion.replace('.', '\\.')}\\): .*${why}`)) }]);
  });

  test('a network set\'s allowedEgressDomains (Calico Enterprise) are read, not resolved, and said so', () => {
    // Source: https://docs.tigera.io/calico-enterprise/latest/reference/resources/globalnetworkset: "GlobalNetworkSets
    // can also include domain names, whose effect is to allow egress traffic to those domain names".
    const warnings: LoaderWarning[] = [];
    const cluster = buildCluster([{
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkSet',
      metadata: { name: 'a-name-for-the-set', labels: { role: 'external-database' } },
      spec: { nets: ['198.51.100.0/28'], allowedEgressDomains: ['db.com', '*.db.com'] },
    }], { onWarning: w => warnings.push(w) });
    expect(cluster.networkSets).toEqual([expect.objectContaining({ name: 'a-name-for-the-set', nets: ['198.51.100.0/28'], allowedEgressDomains: ['db.com', '*.db.com'] })]);
    expect(cluster.unmodelled).toEqual([expect.objectContaining({
      kind: 'GlobalNetworkSet',
      why: 'spec.allowedEgressDomains (Calico Enterprise) is not modelled: egress to db.com, *.db.com is allowed only where an address lies in the set\'s nets',
    })]);
    expect(warnings.map(w => w.message)).toEqual([expect.stringMatching(/^<input>: document 1: GlobalNetworkSet a-name-for-the-set \(projectcalico\.org\/v3\): spec\.allowedEgressDomains/)]);
  });

  test('check, explain and matrix print each on stderr; the output is unchanged', async () => {
    const stdin = `${STAGED}---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: {name: node1-eth0}
spec: {node: node1, interfaceName: eth0}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
`;
    const lines = [
      'cdk-netpol: warning: <stdin>: document 1: StagedNetworkPolicy x/default-deny (projectcalico.org/v3): staged policies are not enforced (they only preview what a policy would do): no verdict depends on it',
      'cdk-netpol: warning: <stdin>: document 2: HostEndpoint node1-eth0 (projectcalico.org/v3): host endpoints are not modelled: policies that select them are not evaluated for them, and rule selectors never match their addresses',
      '',
    ].join('\n');
    const matrix = await runCli(['matrix', '--engine', 'calico', '-'], { stdin });
    expect({ code: matrix.code, stderr: matrix.stderr }).toEqual({ code: 0, stderr: lines });
    const explain = await runCli(['explain', '--engine', 'calico', '--from', '192.0.2.1', '--to', 'x/a', '--port', '80', '-'], { stdin });
    expect({ code: explain.code, stderr: explain.stderr }).toEqual({ code: 0, stderr: lines });
    expect(explain.stdout).toMatch(/^ALLOW 192\.0\.2\.1 -> x\/a 80\/TCP/);
    const dir = manifestDir(stdin);
    try {
      const check = await runCli(['check', '--engine', 'calico', '--flows', '-', 'manifest.yaml'], {
        stdin: JSON.stringify([{ from: '192.0.2.1', to: 'x/a', port: 80, expect: true }]),
        cwd: dir,
      });
      expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: lines.replace(/<stdin>/g, 'manifest.yaml') });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lint', () => {
  test('warns KIND_NOT_MODELLED for each object the analyzer reads but does not model, naming it and why', async () => {
    const result = await runCli(['lint', '--engine', 'calico', '--format', 'json', '-'], { stdin: STAGED });
    const findings = JSON.parse(result.stdout).findings.filter((f: any) => f.code === 'KIND_NOT_MODELLED');
    expect(findings).toEqual([expect.objectContaining({
      code: 'KIND_NOT_MODELLED',
      level: 'warning',
      object: 'StagedNetworkPolicy x/default-deny',
    })]);
    expect(findings[0].message).toContain('staged policies are not enforced');
    expect(findings[0].fix.length).toBeGreaterThan(0);
  });
});

function manifestDir(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unmodelled-'));
  fs.writeFileSync(path.join(dir, 'manifest.yaml'), text);
  return dir;
}
