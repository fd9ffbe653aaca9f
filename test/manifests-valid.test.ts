import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, ChartProps, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AllowDns, AllowFlow, AllowFrom, AllowTo, DefaultDeny, LabelExpression, Peer, Port, Protocol, Selector, Subject, ThreeTierApp,
} from '../lib';
import { hasSchema, registerIfSchemas, validateManifest } from './support/kube-validator';
import { objectsOfStack, objectsOfTerraform, terraformStacksIn } from '../lib/analyzer/from-terraform';

const MANAGED_BY = 'app.kubernetes.io/managed-by';
const EXAMPLES_DIR = path.resolve(__dirname, '../examples');

/**
 * Objects that must validate: every object this library renders (it labels them), every object of a
 * kind the validator knows, and every policy-like kind (which fails closed until the validator knows it).
 * Workloads and namespaces that examples declare for context are not ours and have no schema here.
 */
function mustValidate(obj: any): boolean {
  return hasSchema(obj) || obj?.metadata?.labels?.[MANAGED_BY] === 'cdk-netpol' || /NetworkPolic(y|ies)$/.test(String(obj?.kind));
}

/** Violations of `objects`, each prefixed with the object it was found in. */
function violations(objects: any[]): string[] {
  return objects.flatMap(obj => validateManifest(obj).map(v => `${obj.kind} ${obj.metadata?.namespace ?? '<no namespace>'}/${obj.metadata?.name}: ${v}`));
}

/** Runs the tree validations as `cdk8s synth` does, then returns the policies of every chart. */
function synthesizePolicies(app: App): any[] {
  app.synthYaml();
  return app.charts.flatMap(chart => Testing.synth(chart)).filter(mustValidate);
}

/** A test app with one chart. */
function chartIn(props: ChartProps = { namespace: 'prod' }): Chart {
  return new Chart(Testing.app(), 'test', props);
}

/** Asserts that every policy of the chart's app is valid, and returns them. */
function expectValid(chart: Chart, count: number): any[] {
  const policies = synthesizePolicies(chart.node.root as App);
  expect(violations(policies)).toEqual([]);
  expect(policies.map(p => `${p.kind}`)).toEqual(Array(count).fill('NetworkPolicy'));
  return policies;
}

/** Every Peer factory, in representative configurations. */
function everyPeer(): { [name: string]: Peer } {
  return {
    'pods': Peer.pods(Selector.labels({ app: 'web' })),
    'pods (all)': Peer.pods(Selector.all()),
    'pods (expressions)': Peer.pods(Selector.of({
      matchLabels: { 'app.kubernetes.io/name': 'web' },
      matchExpressions: [
        LabelExpression.isIn('tier', ['api', 'web']),
        LabelExpression.notIn('track', ['canary']),
        LabelExpression.exists('team'),
        LabelExpression.doesNotExist('legacy'),
      ],
    })),
    'namespaceNamed': Peer.namespaceNamed('monitoring'),
    'namespaceNamed (own namespace)': Peer.namespaceNamed('prod'),
    'namespaces': Peer.namespaces(Selector.labels({ team: 'a' })),
    'namespaces (all)': Peer.namespaces(Selector.all()),
    'podsInNamespaces': Peer.podsInNamespaces(Selector.labels({ app: 'agent' }), Selector.of({ matchExpressions: [LabelExpression.isIn('env', ['prod', 'staging'])] })),
    'podsInNamespace': Peer.podsInNamespace('monitoring', Selector.labels({ 'app.kubernetes.io/name': 'prometheus' })),
    'podsInNamespace (own namespace)': Peer.podsInNamespace('prod', Selector.labels({ app: 'web' })),
    'allPodsInCluster': Peer.allPodsInCluster(),
    'clusterDns': Peer.clusterDns(),
    'ipBlock': Peer.ipBlock('10.0.0.0/8'),
    'ipBlock with except': Peer.ipBlock('10.0.0.0/8', ['10.2.0.0/16', '10.1.0.0/16', '10.3.4.5/32']),
    'ipBlock IPv6 with except': Peer.ipBlock('fd00::/8', ['fd00:1::/32', 'FD00:2:0::/48']),
    'ipBlock host': Peer.ipBlock('169.254.20.10/32'),
    'anyIpv4': Peer.anyIpv4(),
    'anyIpv4 with except': Peer.anyIpv4({ exceptCidrs: ThreeTierApp.PRIVATE_RANGES }),
    'anyIpv6': Peer.anyIpv6(),
    'anyIpv6 with except': Peer.anyIpv6({ exceptCidrs: ['fc00::/7', 'fe80::/10'] }),
    'anywhere': Peer.anywhere(),
    'withDisplayName': Peer.pods(Selector.labels({ app: 'web' })).withDisplayName('Web Frontend'),
  };
}

/** Every Port factory and constant. */
function everyPort(): Port[] {
  return [
    Port.tcp(443), Port.udp(53), Port.sctp(9),
    Port.tcp(1), Port.tcp(65535),
    Port.tcpRange(30000, 32767), Port.udpRange(60000, 61000), Port.sctpRange(5000, 5010), Port.tcpRange(8080, 8080),
    Port.named('http'), Port.named('dns-udp', Protocol.UDP), Port.named('diameter', Protocol.SCTP), Port.named('metrics-9090'),
    Port.allTcp(), Port.allUdp(), Port.allSctp(),
    Port.of({ port: 9000, endPort: 9100, protocol: Protocol.UDP }), Port.of({ name: 'grpc' }),
    Port.DNS_UDP, Port.DNS_TCP, Port.HTTP, Port.HTTPS,
  ];
}

describe('manifests', () => {
  registerIfSchemas(() => {
    describe('DefaultDeny', () => {
      test('can render valid manifests with defaults', () => {
        const chart = chartIn();
        new DefaultDeny(chart, 'Deny');
        const [policy] = expectValid(chart, 1);
        expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      });

      test('can render valid ingress-only and egress-only manifests', () => {
        const chart = chartIn();
        new DefaultDeny(chart, 'Ingress', { egress: false });
        new DefaultDeny(chart, 'Egress', { ingress: false });
        const policies = expectValid(chart, 2);
        expect(policies.map(p => p.spec.policyTypes)).toEqual([['Ingress'], ['Egress']]);
      });

      test('can render valid manifests with an explicit namespace and name', () => {
        const chart = chartIn({});
        new DefaultDeny(chart, 'Deny', { namespaceName: 'team-a', name: 'zero-trust.baseline' });
        const [policy] = expectValid(chart, 1);
        expect(policy.metadata).toMatchObject({ name: 'zero-trust.baseline', namespace: 'team-a' });
      });

      test('can render valid manifests under chart labels', () => {
        const chart = chartIn({ namespace: 'prod', labels: { 'example.com/team': 'payments' } });
        new DefaultDeny(chart, 'Deny');
        expectValid(chart, 1);
      });
    });

    describe('AllowDns', () => {
      test('can render valid manifests with defaults', () => {
        const chart = chartIn();
        new AllowDns(chart, 'Dns');
        expectValid(chart, 1);
      });

      test('can render valid manifests with node-local addresses, a custom DNS peer and a narrower subject', () => {
        const chart = chartIn();
        new AllowDns(chart, 'Dns', {
          subject: Subject.pods(Selector.labels({ app: 'web' })),
          dnsPeer: Peer.podsInNamespace('dns-system', Selector.labels({ 'app.kubernetes.io/name': 'coredns' })),
          nodeLocalDnsAddresses: ['169.254.20.10', '10.96.0.10/32', 'fd00::a', 'FD00:0:0::b', '192.168.0.0/24'],
        });
        const [policy] = expectValid(chart, 1);
        expect(policy.spec.egress[0].to.map((peer: any) => peer.ipBlock?.cidr).filter((c: any) => c).sort()).toEqual([
          '10.96.0.10/32', '169.254.20.10/32', '192.168.0.0/24', 'fd00::a/128', 'fd00::b/128',
        ]);
      });

      test('can render valid manifests with every kind of DNS peer', () => {
        const chart = chartIn();
        Object.values(everyPeer()).forEach((dnsPeer, i) => {
          new AllowDns(chart, `Dns${i}`, { dnsPeer, name: `allow-dns-${i}`, subject: Subject.pods(Selector.labels({ case: String(i) })) });
        });
        expectValid(chart, Object.keys(everyPeer()).length);
      });
    });

    describe('AllowFrom and AllowTo', () => {
      for (const [name, peer] of Object.entries(everyPeer())) {
        test(`can render valid manifests for Peer ${name}`, () => {
          const chart = chartIn();
          const subject = Subject.pods(Selector.labels({ app: 'api' }));
          new AllowFrom(chart, 'From', { subject, peers: [peer], ports: [Port.tcp(8080)] });
          new AllowTo(chart, 'To', { subject, peers: [peer], ports: [Port.allPorts()] });
          expectValid(chart, 2);
        });
      }

      test('can render valid manifests with every peer in one rule', () => {
        const chart = chartIn();
        const peers = Object.values(everyPeer()).filter(p => p.toString() !== 'anywhere');
        new AllowFrom(chart, 'From', { subject: Subject.allPods(), peers, ports: [Port.HTTPS] });
        new AllowTo(chart, 'To', { subject: Subject.allPods(), peers, ports: [Port.HTTPS] });
        const policies = expectValid(chart, 2);
        // Peers with the same canonical form (pods vs. a renamed copy, namespaces(*) vs. allPodsInCluster) render once.
        const distinct = new Set(peers.map(p => p.toString())).size;
        expect(policies.map(p => [...p.spec.ingress ?? [], ...p.spec.egress ?? []][0][p.spec.ingress ? 'from' : 'to'].length)).toEqual([distinct, distinct]);
      });

      test('can render valid manifests with every port in one rule', () => {
        const chart = chartIn();
        const subject = Subject.pods(Selector.labels({ app: 'api' }));
        new AllowFrom(chart, 'From', { subject, peers: [Peer.anywhere()], ports: everyPort() });
        new AllowTo(chart, 'To', { subject, peers: [Peer.anyIpv4()], ports: everyPort() });
        const policies = expectValid(chart, 2);
        // HTTPS and DNS_UDP repeat tcp/443 and udp/53: each port renders once.
        const distinct = new Set(everyPort().map(p => p.toString())).size;
        expect(policies.map(p => [...p.spec.ingress ?? [], ...p.spec.egress ?? []][0].ports.length)).toEqual([distinct, distinct]);
      });

      for (const port of everyPort().concat(Port.allPorts())) {
        test(`can render valid manifests for Port ${port}`, () => {
          const chart = chartIn();
          const subject = Subject.pods(Selector.labels({ app: 'api' }));
          new AllowFrom(chart, 'From', { subject, peers: [Peer.pods(Selector.labels({ app: 'web' }))], ports: [port] });
          new AllowTo(chart, 'To', { subject, peers: [Peer.clusterDns()], ports: [port] });
          expectValid(chart, 2);
        });
      }

      test('can render valid manifests for subjects in other namespaces, with explicit names', () => {
        const chart = chartIn({});
        new AllowFrom(chart, 'From', {
          subject: Subject.pods(Selector.labels({ app: 'api' }), 'backend'),
          peers: [Peer.namespaceNamed('frontend')],
          ports: [Port.tcp(8080)],
          name: 'api.from-frontend',
        });
        new AllowTo(chart, 'To', {
          subject: Subject.allPods(),
          namespaceName: 'frontend',
          peers: [Peer.podsInNamespace('backend', Selector.labels({ app: 'api' }))],
          ports: [Port.tcp(8080)],
        });
        expectValid(chart, 2);
      });

      test('can render valid manifests for workload subjects', () => {
        const chart = chartIn();
        const deployment = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'nginx', portNumber: 8080 }] });
        const raw = new ApiObject(chart, 'Api', {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'api' },
          spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } } } },
        });
        new AllowFrom(chart, 'WebFrom', { subject: Subject.workload(deployment), peers: [Peer.anywhere()], ports: [Port.tcp(8080)] });
        new AllowTo(chart, 'ApiTo', { subject: Subject.workload(raw), peers: [Subject.workload(deployment).asPeer('prod')], ports: [Port.tcp(8080)] });
        expectValid(chart, 2);
      });
    });

    describe('AllowFlow', () => {
      test('can render valid manifests across two namespaces', () => {
        const chart = chartIn({});
        new AllowFlow(chart, 'Flow', {
          source: Subject.pods(Selector.labels({ app: 'web' }), 'frontend'),
          destination: Subject.pods(Selector.labels({ app: 'api' }), 'backend'),
          ports: [Port.tcp(8080), Port.named('grpc')],
        });
        new AllowFlow(chart, 'AllPods', {
          source: Subject.allPods('monitoring'),
          destination: Subject.allPods('backend'),
          ports: [Port.allPorts()],
          egressName: 'monitoring-egress',
          ingressName: 'monitoring-ingress',
        });
        const policies = expectValid(chart, 4);
        expect(policies.map(p => p.metadata.namespace).sort()).toEqual(['backend', 'backend', 'frontend', 'monitoring']);
      });

      test('can render valid manifests within one namespace', () => {
        const chart = chartIn();
        new AllowFlow(chart, 'Flow', {
          source: Subject.pods(Selector.labels({ app: 'web' })),
          destination: Subject.pods(Selector.labels({ app: 'api' })),
          ports: [Port.tcpRange(8000, 8100)],
        });
        expectValid(chart, 2);
      });
    });

    describe('ThreeTierApp', () => {
      const tiers = () => ({
        frontend: Subject.pods(Selector.labels({ app: 'frontend' })),
        api: Subject.pods(Selector.labels({ app: 'api' })),
        database: Subject.pods(Selector.labels({ app: 'database' })),
      });

      test('can render valid manifests with defaults', () => {
        const chart = chartIn();
        new ThreeTierApp(chart, 'Shop', tiers());
        expectValid(chart, 7);
      });

      test('can render valid manifests with default external egress', () => {
        const chart = chartIn();
        new ThreeTierApp(chart, 'Shop', { ...tiers(), apiExternalEgress: {} });
        expectValid(chart, 8);
      });

      test('can render valid manifests with every option', () => {
        const chart = chartIn({});
        new ThreeTierApp(chart, 'Shop', {
          ...tiers(),
          namespaceName: 'shop',
          frontendPorts: [Port.HTTPS, Port.named('http')],
          apiPorts: [Port.tcpRange(8080, 8090)],
          databasePorts: [Port.tcp(5432), Port.tcp(6432)],
          ingressPeers: [ThreeTierApp.INGRESS_NGINX, Peer.ipBlock('203.0.113.0/24')],
          apiExternalEgress: {
            cidrs: ['0.0.0.0/0', '10.0.0.0/8', '::/0', '198.51.100.0/24'],
            exceptCidrs: ['10.0.0.0/16', '172.16.0.0/12', 'fc00::/7'],
            ports: [Port.HTTPS, Port.tcp(8443)],
          },
          dns: { nodeLocalDnsAddresses: ['169.254.20.10'], dnsPeer: Peer.podsInNamespace('kube-system', Selector.labels({ 'k8s-app': 'coredns' })) },
        });
        const policies = expectValid(chart, 8);
        expect(policies.every(p => p.metadata.namespace === 'shop')).toBe(true);
      });
    });

    describe('examples', () => {
      const names = fs.existsSync(EXAMPLES_DIR)
        ? fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true })
          .filter(entry => entry.isDirectory() && fs.existsSync(path.join(EXAMPLES_DIR, entry.name, 'main.ts')))
          .map(entry => entry.name)
          .sort()
        : [];

      test('can find examples', () => {
        expect(fs.existsSync(EXAMPLES_DIR)).toBe(true);
        expect(names).not.toEqual([]);
      });

      for (const name of names) {
        test(`can synthesize example ${name} into valid manifests`, () => {
          // GIVEN the example's app, synthesized into a scratch folder as `npx projen examples` would
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const example = require(path.join(EXAMPLES_DIR, name, 'main.ts'));
          expect(typeof example.createApp).toEqual('function');
          const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `cdk-netpol-${name}-`));
          try {
            const app = example.createApp(outdir);
            app.synth();

            // THEN every object of every chart (or, for a cdktf app, every object its stacks ask the kubernetes
            // provider for) is valid: examples write nothing the schemas cannot vouch for
            const fromApp = app instanceof App ? app.charts.flatMap(chart => Testing.synth(chart)) : terraformStacksIn(app).flatMap(objectsOfStack);
            expect(fromApp.length).toBeGreaterThan(0);
            expect(violations(fromApp)).toEqual([]);

            // AND so is every object in the files written
            const files = fs.readdirSync(outdir, { recursive: true, encoding: 'utf-8' }).filter(f => /\.(ya?ml|json)$/.test(f) && !f.endsWith('construct-metadata.json'));
            expect(files.length).toBeGreaterThan(0);
            const fromFiles = app instanceof App
              ? files.flatMap(f => f.endsWith('.json') ? [JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf-8'))] : Yaml.load(path.join(outdir, f)))
              : files.filter(f => f.endsWith('cdk.tf.json')).flatMap(f => objectsOfTerraform(fs.readFileSync(path.join(outdir, f), 'utf-8')));
            expect(violations(fromFiles)).toEqual([]);
            expect(fromFiles.length).toEqual(fromApp.length);
          } finally {
            fs.rmSync(outdir, { recursive: true, force: true });
          }
        });
      }
    });
  });
});
