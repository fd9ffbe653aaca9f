import * as os from 'os';
import * as path from 'path';
import { DEFAULT_SCHEMA_DIR, findSchemaDir, hasSchema, registerIfSchemas, validateManifest } from './kube-validator';

/** A valid policy that exercises every field the validator checks. */
function goodPolicy(): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: 'api.allow-web',
      namespace: 'prod',
      labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol', 'empty-value': '' },
      annotations: { 'example.com/owner': 'team-a' },
    },
    spec: {
      podSelector: {
        matchLabels: { app: 'api' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['api', 'web'] },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{
        from: [
          { podSelector: { matchLabels: { app: 'web' } } },
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress' } }, podSelector: {} },
          { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.4/32'] } },
          { ipBlock: { cidr: 'fd00::/8', except: ['fd00:1::/32'] } },
        ],
        ports: [
          { port: 8080, protocol: 'TCP' },
          { port: 'http-alt' },
          { port: 30000, endPort: 30100, protocol: 'UDP' },
          { port: 5000, endPort: 5000, protocol: 'SCTP' },
          { protocol: 'TCP' },
        ],
      }],
      egress: [{}, { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
    },
  };
}

/** `goodPolicy()` changed by `edit`. */
function policyWith(edit: (p: any) => void): any {
  const p = goodPolicy();
  edit(p);
  return p;
}

/** A minimal valid policy whose first ingress rule has this one peer. */
function withPeer(peer: any): any {
  return policyWith(p => p.spec.ingress = [{ from: [peer] }]);
}

/** A minimal valid policy whose first ingress rule has this one port. */
function withPort(port: any): any {
  return policyWith(p => p.spec.ingress = [{ ports: [port] }]);
}

describe('findSchemaDir', () => {
  const missing = path.join(os.tmpdir(), 'cdk-netpol-no-such-schema-folder');

  test('can find the schema folder of the repository', () => {
    const repoRoot = path.resolve(__dirname, '../..');
    expect(DEFAULT_SCHEMA_DIR).toEqual(path.resolve(repoRoot, '../shared/schemas'));
    expect(findSchemaDir(__dirname, true)).toEqual(__dirname);
  });

  test('throws if the schema folder is absent in CI', () => {
    expect(() => findSchemaDir(missing, true)).toThrow(/is required in CI/);
  });

  test('can skip if the schema folder is absent outside CI', () => {
    expect(findSchemaDir(missing, false)).toBeUndefined();
  });
});

describe('validateManifest', () => {
  registerIfSchemas(() => {
    test('can pass a valid NetworkPolicy', () => {
      expect(validateManifest(goodPolicy())).toEqual([]);
    });

    test('can pass a minimal NetworkPolicy', () => {
      expect(validateManifest({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny-all' },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      })).toEqual([]);
    });

    test('throws if the kind is unknown (fails closed)', () => {
      expect(validateManifest(policyWith(p => p.kind = 'CiliumNetworkPolicy'))).toEqual(['no schema for networking.k8s.io/v1/CiliumNetworkPolicy']);
      expect(validateManifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } })).toEqual(['no schema for apps/v1/Deployment']);
      expect(validateManifest(policyWith(p => p.apiVersion = 'networking.k8s.io/v1beta1'))).toEqual(['no schema for networking.k8s.io/v1beta1/NetworkPolicy']);
      expect(hasSchema(goodPolicy())).toBe(true);
      expect(hasSchema({ apiVersion: 'v1', kind: 'Namespace' })).toBe(false);
    });

    test('can know the Calico, Cilium and network-policy-api kinds, and only the versions it has schemas for', () => {
      for (const [apiVersion, kind] of [
        ['projectcalico.org/v3', 'NetworkPolicy'], ['projectcalico.org/v3', 'GlobalNetworkPolicy'], ['projectcalico.org/v3', 'Tier'],
        ['crd.projectcalico.org/v1', 'NetworkPolicy'], ['crd.projectcalico.org/v1', 'GlobalNetworkPolicy'], ['crd.projectcalico.org/v1', 'Tier'],
        ['cilium.io/v2', 'CiliumNetworkPolicy'], ['cilium.io/v2', 'CiliumClusterwideNetworkPolicy'],
        ['policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy'], ['policy.networking.k8s.io/v1alpha1', 'BaselineAdminNetworkPolicy'],
        ['policy.networking.k8s.io/v1alpha2', 'ClusterNetworkPolicy'],
      ]) {
        expect([apiVersion, kind, hasSchema({ apiVersion, kind })]).toEqual([apiVersion, kind, true]);
      }
      for (const [apiVersion, kind] of [
        ['projectcalico.org/v3', 'StagedNetworkPolicy'], ['projectcalico.org/v3', 'NetworkSet'], ['cilium.io/v2alpha1', 'CiliumNetworkPolicy'],
        ['policy.networking.k8s.io/v1alpha2', 'AdminNetworkPolicy'], ['policy.networking.k8s.io/v1alpha1', 'ClusterNetworkPolicy'], ['projectcalico.org/v3', 'Tiers'],
      ]) {
        expect(validateManifest({ apiVersion, kind, metadata: { name: 'x' } })).toEqual([`no schema for ${apiVersion}/${kind}`]);
      }
    });

    describe('schema (strict)', () => {
      test('throws if a field is unknown at spec level', () => {
        expect(validateManifest(policyWith(p => p.spec.podSelectr = {}))).toEqual(['unknown field "spec.podSelectr"']);
      });

      test('throws if a field is unknown inside a peer', () => {
        expect(validateManifest(withPeer({ podSelectr: { matchLabels: { app: 'web' } } }))).toEqual([
          'unknown field "spec.ingress[0].from[0].podSelectr"',
          'spec.ingress[0].from[0]: Required value: must specify a peer',
        ]);
      });

      test('throws if a field is unknown at the top, in metadata, a port, an ipBlock or a selector', () => {
        expect(validateManifest(policyWith(p => {
          p.status = {};
          p.metadata.label = {};
          p.spec.ingress[0].ports[0].portName = 'http';
          p.spec.ingress[0].from[2].ipBlock.exceptCidrs = [];
          p.spec.podSelector.matchLabel = { app: 'api' };
        }))).toEqual([
          'unknown field "status"',
          'unknown field "metadata.label"',
          'unknown field "spec.ingress[0].from[2].ipBlock.exceptCidrs"',
          'unknown field "spec.ingress[0].ports[0].portName"',
          'unknown field "spec.podSelector.matchLabel"',
        ]);
      });

      test('can accept any key in maps (labels, matchLabels)', () => {
        expect(validateManifest(policyWith(p => p.spec.podSelector.matchLabels = { 'example.com/anything': 'x' }))).toEqual([]);
      });

      test('throws if a required field is missing', () => {
        expect(validateManifest(withPeer({ ipBlock: { except: ['10.0.0.0/8'] } }))).toEqual([
          'spec.ingress[0].from[0].ipBlock.cidr: Required value: required by the schema',
        ]);
        expect(validateManifest(policyWith(p => p.spec.podSelector = { matchExpressions: [{ key: 'app' }] }))).toEqual([
          'spec.podSelector.matchExpressions[0].operator: Required value: required by the schema',
        ]);
      });

      test('throws if spec.podSelector is missing', () => {
        expect(validateManifest(policyWith(p => delete p.spec.podSelector))).toEqual([
          'spec.podSelector: Required value: required by Kubernetes up to 1.33; write `podSelector: {}` to select every pod',
        ]);
      });

      test('throws if a type is wrong', () => {
        expect(validateManifest(withPort({ port: 80.5 }))).toEqual(['spec.ingress[0].ports[0].port: must be integer,string']);
        expect(validateManifest(withPort({ port: 80, endPort: '90' }))).toEqual(['spec.ingress[0].ports[0].endPort: must be integer']);
        expect(validateManifest(policyWith(p => p.metadata.labels.version = 2))).toEqual(['metadata.labels.version: must be string']);
        expect(validateManifest(policyWith(p => p.spec.policyTypes = 'Ingress'))).toEqual(['spec.policyTypes: must be array']);
      });
    });

    describe('ports', () => {
      test('throws if a port is 0', () => {
        expect(validateManifest(withPort({ port: 0 }))).toEqual(['spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']);
      });

      test('throws if a port is 70000', () => {
        expect(validateManifest(withPort({ port: 70000, protocol: 'TCP' }))).toEqual(['spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive']);
      });

      test('throws if endPort < port', () => {
        expect(validateManifest(withPort({ port: 8080, endPort: 8000 }))).toEqual(['spec.ingress[0].ports[0].endPort: Invalid value: 8000: must be greater than or equal to `port`']);
      });

      test('throws if endPort is out of range', () => {
        expect(validateManifest(withPort({ port: 8080, endPort: 65536 }))).toEqual(['spec.ingress[0].ports[0].endPort: Invalid value: 65536: must be between 1 and 65535, inclusive']);
      });

      test('throws if endPort comes with a named port', () => {
        expect(validateManifest(withPort({ port: 'http', endPort: 8080 }))).toEqual(['spec.ingress[0].ports[0].endPort: Invalid value: 8080: may not be specified when `port` is non-numeric']);
      });

      test('throws if endPort comes without a port', () => {
        expect(validateManifest(withPort({ endPort: 8080, protocol: 'TCP' }))).toEqual(['spec.ingress[0].ports[0].endPort: Invalid value: 8080: may not be specified when `port` is not specified']);
      });

      test('throws if a named port is not an IANA service name', () => {
        const at = 'spec.ingress[0].ports[0].port';
        expect(validateManifest(withPort({ port: 'Http' }))).toEqual([`${at}: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`]);
        expect(validateManifest(withPort({ port: 'metrics-endpoint' }))).toEqual([`${at}: Invalid value: "metrics-endpoint": must be no more than 15 characters`]);
        expect(validateManifest(withPort({ port: '8080' }))).toEqual([`${at}: Invalid value: "8080": must contain at least one letter (a-z)`]);
        expect(validateManifest(withPort({ port: 'web--ui' }))).toEqual([`${at}: Invalid value: "web--ui": must not contain consecutive hyphens`]);
        expect(validateManifest(withPort({ port: '-web' }))).toEqual([`${at}: Invalid value: "-web": must not begin or end with a hyphen`]);
        expect(validateManifest(withPort({ port: 'web-' }))).toEqual([`${at}: Invalid value: "web-": must not begin or end with a hyphen`]);
        expect(validateManifest(withPort({ port: 'web-1', protocol: 'UDP' }))).toEqual([]);
      });

      test('throws if the protocol is ICMP', () => {
        expect(validateManifest(withPort({ port: 8, protocol: 'ICMP' }))).toEqual(['spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"']);
        expect(validateManifest(withPort({ protocol: 'tcp' }))).toEqual(['spec.ingress[0].ports[0].protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP"']);
      });
    });

    describe('policyTypes', () => {
      test('throws if a policy type is Both', () => {
        expect(validateManifest(policyWith(p => p.spec.policyTypes = ['Both']))).toEqual(['spec.policyTypes[0]: Unsupported value: "Both": supported values: "Ingress", "Egress"']);
      });

      test('throws if a policy type is repeated', () => {
        expect(validateManifest(policyWith(p => p.spec.policyTypes = ['Egress', 'Egress']))).toEqual(['spec.policyTypes[1]: Duplicate value: "Egress"']);
      });

      test('throws if there are more than two policy types', () => {
        expect(validateManifest(policyWith(p => p.spec.policyTypes = ['Ingress', 'Egress', 'Ingress']))).toEqual([
          'spec.policyTypes: Invalid value: ["Ingress","Egress","Ingress"]: may not specify more than two policyTypes',
        ]);
      });
    });

    describe('peers', () => {
      test('throws if ipBlock and podSelector share a peer', () => {
        expect(validateManifest(withPeer({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }))).toEqual([
          'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
        ]);
      });

      test('throws if ipBlock and namespaceSelector share a peer', () => {
        expect(validateManifest(policyWith(p => p.spec.egress = [{ to: [{ ipBlock: { cidr: '::/0' }, namespaceSelector: {} }] }]))).toEqual([
          'spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer',
        ]);
      });

      test('throws if a peer is empty', () => {
        expect(validateManifest(withPeer({}))).toEqual(['spec.ingress[0].from[0]: Required value: must specify a peer']);
      });

      test('can combine podSelector and namespaceSelector in one peer', () => {
        expect(validateManifest(withPeer({ podSelector: { matchLabels: { app: 'web' } }, namespaceSelector: {} }))).toEqual([]);
      });
    });

    describe('ipBlock', () => {
      const at = 'spec.ingress[0].from[0].ipBlock';

      test('throws if except is outside cidr', () => {
        expect(validateManifest(withPeer({ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }))).toEqual([
          `${at}.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of \`cidr\``,
        ]);
      });

      test('throws if except is wider than cidr', () => {
        expect(validateManifest(withPeer({ ipBlock: { cidr: '10.1.0.0/16', except: ['10.0.0.0/8'] } }))).toEqual([
          `${at}.except[0]: Invalid value: "10.0.0.0/8": must be a strict subset of \`cidr\``,
        ]);
      });

      test('throws if except equals cidr', () => {
        expect(validateManifest(withPeer({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }))).toEqual([
          `${at}.except[0]: Invalid value: "10.0.0.0/8": must be a strict subset of \`cidr\``,
        ]);
      });

      test('throws if except mixes address families', () => {
        expect(validateManifest(withPeer({ ipBlock: { cidr: '0.0.0.0/0', except: ['fd00::/8'] } }))).toEqual([
          `${at}.except[0]: Invalid value: "fd00::/8": must be a strict subset of \`cidr\` (an IPv6 network in an IPv4 block)`,
        ]);
      });

      test('throws if a cidr is malformed', () => {
        const invalid = (cidr: string) => `${at}.cidr: Invalid value: "${cidr}": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`;
        for (const cidr of [
          '10.0.0.0', '10.0.0/8', '10.0.0.256/32', '10.0.0.0/33', 'fd00::/129', 'fe80::%eth0/64', 'example.com/8', '10.0.0.0/-1', '10.0.0.0/8/8',
          'fd00:::/8', '1:2:3:4:5:6:7:8:9/128', '1:2:3:4:5:6:7/128', '1::2::/64', 'fd00:12345::/32', 'g::/16', '::1.2.3/128', '1:2:3:4:5:6:7:1.2.3.4/128',
        ]) {
          expect(validateManifest(withPeer({ ipBlock: { cidr } }))).toEqual([invalid(cidr)]);
        }
        expect(validateManifest(withPeer({ ipBlock: { cidr: '' } }))).toEqual([`${at}.cidr: Required value`]);
        expect(validateManifest(withPeer({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0'] } }))).toEqual([
          `${at}.except[0]: Invalid value: "10.1.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`,
        ]);
      });

      test('throws if a cidr is not in strict form', () => {
        const check = (cidr: string, detail: string) => expect(validateManifest(withPeer({ ipBlock: { cidr } }))).toEqual([`${at}.cidr: Invalid value: "${cidr}": ${detail}`]);
        check('10.0.0.1/8', 'must not have bits set beyond the prefix length');
        check('010.0.0.0/8', 'must not have leading 0s in IP or prefix length');
        check('10.0.0.0/08', 'must not have leading 0s in IP or prefix length');
        check('::ffff:10.0.0.0/104', 'must not have an IPv4-mapped IPv6 address');
        check('::ffff:0:0/96', 'must not have an IPv4-mapped IPv6 address');
        check('::ffff:169.254.20.10/128', 'must not have an IPv4-mapped IPv6 address');
        check('FD00::/8', 'should be in RFC 5952 canonical format ("fd00::/8")');
        check('fd00:0:0::/48', 'should be in RFC 5952 canonical format ("fd00::/48")');
        check('2001:db8:0:0:1:0:0:1/128', 'should be in RFC 5952 canonical format ("2001:db8::1:0:0:1/128")');
        check('2001:db8::0:1/128', 'should be in RFC 5952 canonical format ("2001:db8::1/128")');
        check('2001:db8:0::/48', 'should be in RFC 5952 canonical format ("2001:db8::/48")');
        check('2001:0db8::/32', 'should be in RFC 5952 canonical format ("2001:db8::/32")');
        // A dotted quad embedded in IPv6 is the last 32 bits, not an IPv4-mapped address (ipaddr.js reads `::a.b.c.d` as `::ffff:a.b.c.d`).
        check('::1.2.3.4/128', 'should be in RFC 5952 canonical format ("::102:304/128")');
        check('1:2:3:4:5:6:1.2.3.4/128', 'should be in RFC 5952 canonical format ("1:2:3:4:5:6:102:304/128")');
      });

      test('can accept host-sized, whole-family and canonical IPv6 blocks', () => {
        for (const cidr of ['169.254.20.10/32', '0.0.0.0/0', '::/0', 'fd00::a/128', '2001:db8::/32', '2001:db8:1:0:1:1:1:1/128', '2001:db8::1:0:0:1/128', '::102:304/128', '1::/16', '::1/128']) {
          expect(validateManifest(withPeer({ ipBlock: { cidr } }))).toEqual([]);
        }
      });
    });

    describe('metadata and selectors', () => {
      test('throws if the name is invalid', () => {
        const detail = 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character';
        expect(validateManifest(policyWith(p => p.metadata.name = 'Allow_Web'))).toEqual([`metadata.name: Invalid value: "Allow_Web": ${detail}`]);
        expect(validateManifest(policyWith(p => p.metadata.name = 'a'.repeat(254)))).toEqual([`metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`]);
        expect(validateManifest(policyWith(p => p.metadata.name = 'a'.repeat(253)))).toEqual([]);
      });

      test('throws if the name is missing', () => {
        expect(validateManifest(policyWith(p => delete p.metadata.name))).toEqual(['metadata.name: Required value: name or generateName is required']);
      });

      test('throws if the namespace is invalid', () => {
        const detail = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character';
        expect(validateManifest(policyWith(p => p.metadata.namespace = 'team.a'))).toEqual([`metadata.namespace: Invalid value: "team.a": ${detail}`]);
        expect(validateManifest(policyWith(p => p.metadata.namespace = 'n'.repeat(64)))).toEqual([`metadata.namespace: Invalid value: "${'n'.repeat(64)}": must be no more than 63 characters`]);
      });

      test('throws if a label value is invalid', () => {
        const detail = 'a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character';
        expect(validateManifest(policyWith(p => p.metadata.labels.app = 'web/ui'))).toEqual([`metadata.labels: Invalid value: "web/ui": ${detail}`]);
        expect(validateManifest(policyWith(p => p.spec.podSelector.matchLabels.app = '-api'))).toEqual([`spec.podSelector.matchLabels: Invalid value: "-api": ${detail}`]);
        expect(validateManifest(withPeer({ namespaceSelector: { matchLabels: { team: 'x'.repeat(64) } } }))).toEqual([
          `spec.ingress[0].from[0].namespaceSelector.matchLabels: Invalid value: "${'x'.repeat(64)}": a label value must be no more than 63 characters`,
        ]);
        expect(validateManifest(policyWith(p => p.spec.podSelector.matchExpressions[0].values = ['ok', 'not ok']))).toEqual([
          `spec.podSelector.matchExpressions[0].values[1]: Invalid value: "not ok": ${detail}`,
        ]);
      });

      test('throws if a label key is invalid', () => {
        expect(validateManifest(policyWith(p => p.metadata.labels['Example.com/app'] = 'x'))).toEqual([
          'metadata.labels: Invalid value: "Example.com/app": prefix part must be a lowercase RFC 1123 subdomain',
        ]);
        expect(validateManifest(withPeer({ podSelector: { matchLabels: { 'a/b/c': 'x' } } }))).toEqual([
          'spec.ingress[0].from[0].podSelector.matchLabels: Invalid value: "a/b/c": a qualified name must consist of an optional DNS subdomain prefix and "/", then a name part',
        ]);
        expect(validateManifest(policyWith(p => p.spec.podSelector.matchExpressions[0].key = 'example.com/'))).toEqual([
          'spec.podSelector.matchExpressions[0].key: Invalid value: "example.com/": name part must be non-empty',
        ]);
        expect(validateManifest(policyWith(p => p.metadata.annotations = { '/owner': 'x' }))).toEqual([
          'metadata.annotations: Invalid value: "/owner": prefix part must be non-empty',
        ]);
      });

      test('throws if a match expression has the wrong values for its operator', () => {
        const exprs = (matchExpressions: any[]) => validateManifest(policyWith(p => p.spec.podSelector = { matchExpressions }));
        expect(exprs([{ key: 'app', operator: 'In', values: [] }])).toEqual([
          'spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\'',
        ]);
        expect(exprs([{ key: 'app', operator: 'NotIn' }])).toEqual([
          'spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\'',
        ]);
        expect(exprs([{ key: 'app', operator: 'Exists', values: ['web'] }])).toEqual([
          'spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'',
        ]);
        expect(exprs([{ key: 'app', operator: 'Equals', values: ['web'] }])).toEqual([
          'spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
        ]);
      });
    });
  });
});
