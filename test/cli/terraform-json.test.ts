// Kubernetes objects as Terraform JSON without cdktf: read back as Terraform and the kubernetes provider read them, they
// are the objects they were made from.
import { objectsOfTerraform } from '../../lib/analyzer/from-terraform';
import { literal, networkPolicyV1Arguments } from '../../lib/cli/terraform-json';
import { evaluateJson, evaluateTemplate } from '../support/terraform-expression';

/** A NetworkPolicy with every block the provider has: camelCase-looking label keys must stay as they are. */
const POLICY = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'api', namespace: 'shop', labels: { 'appName': 'api', 'app.kubernetes.io/managed-by': 'cdk-netpol' }, annotations: { noteText: '${not a template}' } },
  spec: {
    podSelector: { matchLabels: { appName: 'api' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      { from: [{ namespaceSelector: { matchExpressions: [{ key: 'teamName', operator: 'In', values: ['a', 'b'] }] }, podSelector: {} }], ports: [{ port: 'http', protocol: 'TCP' }] },
      {},
    ],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 8000, endPort: 8080, protocol: 'TCP' }] }],
  },
};

describe('networkPolicyV1Arguments', () => {
  test('can give the provider\'s snake_case blocks, map keys untouched', () => {
    const args = networkPolicyV1Arguments(POLICY);
    expect(args.metadata.labels).toEqual({ 'appName': 'api', 'app.kubernetes.io/managed-by': 'cdk-netpol' });
    expect(args.spec.pod_selector).toEqual({ match_labels: { appName: 'api' } });
    expect(args.spec.egress[0].to[0].ip_block).toEqual({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] });
    expect(args.spec.egress[0].ports[0]).toEqual({ port: '8000', end_port: 8080, protocol: 'TCP' });
  });

  test('can be read back, as the kubernetes provider reads it, as the same NetworkPolicy', () => {
    // GIVEN the arguments as a resource, every string escaped as the module writes it
    const escape = (v: any): any => typeof v === 'string' ? literal(v) : Array.isArray(v) ? v.map(escape)
      : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escape(x)])) : v;
    const written = escape(networkPolicyV1Arguments(POLICY));
    // WHEN Terraform evaluates the strings and the provider builds the object
    const [object] = objectsOfTerraform({ resource: { kubernetes_network_policy_v1: { api: evaluateJson(written, {}) } } });
    // THEN
    expect(object).toEqual(POLICY);
  });
});

describe('literal', () => {
  test('can escape the sequences that open an interpolation or a directive, and nothing else', () => {
    expect(literal('a ${b} %{c} $d %e {f}')).toBe('a $${b} %%{c} $d %e {f}');
    expect(evaluateTemplate(literal('a ${b} %{ if c } $${d}'), {})).toBe('a ${b} %{ if c } $${d}');
  });
});
