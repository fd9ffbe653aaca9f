import { manifestError } from './support';
import { buildCluster, parseManifests } from '../../../lib/analyzer/load';

const podTemplate = (labels: Record<string, string>, ports: any[] = []) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'main', image: 'x', ports }] },
});

const workload = (apiVersion: string, kind: string, name: string, spec: any, namespace = 'prod') => ({
  apiVersion, kind, metadata: { name, namespace }, spec,
});

describe('buildCluster', () => {
  test('can read a Namespace with its labels and the name label the API server adds', () => {
    const cluster = buildCluster([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { 'team': 'web', 'kubernetes.io/metadata.name': 'wrong' } } },
    ]);
    expect([...cluster.namespaces.values()]).toEqual([
      { name: 'prod', labels: { 'team': 'web', 'kubernetes.io/metadata.name': 'prod' }, declared: true },
    ]);
  });

  test('can read a Pod with labels, IPs, named ports, UDP and sidecar ports', () => {
    // GIVEN
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        initContainers: [
          { name: 'setup', ports: [{ containerPort: 1 }] },
          { name: 'proxy', restartPolicy: 'Always', ports: [{ containerPort: 15001, name: 'proxy' }] },
        ],
        containers: [
          { name: 'coredns', ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }] },
          { name: 'metrics', ports: [{ containerPort: 9153 }, { containerPort: 9154, protocol: 'SCTP' }] },
          { name: 'no-ports' },
        ],
      },
      status: { podIP: '10.0.0.7', podIPs: [{ ip: '10.0.0.7' }, { ip: '2001:DB8:0::7' }] },
    };

    // WHEN
    const cluster = buildCluster(parseManifests(JSON.stringify(pod), 'pod.json'));

    // THEN
    expect(cluster.endpoints).toEqual([{
      kind: 'Pod',
      name: 'dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns' },
      ips: ['10.0.0.7', '2001:db8::7'],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { port: 9153, protocol: 'TCP' },
        { port: 9154, protocol: 'SCTP' },
        { name: 'proxy', port: 15001, protocol: 'TCP' },
      ],
      serviceAccount: 'default',
      source: 'pod.json#1',
    }]);
  });

  test.each([
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'StatefulSet'],
    ['apps/v1', 'DaemonSet'],
    ['apps/v1', 'ReplicaSet'],
    ['v1', 'ReplicationController'],
    ['batch/v1', 'Job'],
  ])('can read the pod template of a %s %s', (apiVersion, kind) => {
    const doc = workload(apiVersion, kind, 'w', {
      selector: { matchLabels: { app: 'w' } },
      template: podTemplate({ app: 'w', tier: 'back' }, [{ containerPort: 8080, name: 'http' }, { containerPort: 8125, protocol: 'UDP' }]),
    });
    expect(buildCluster([doc]).endpoints).toEqual([{
      kind,
      name: 'w',
      namespace: 'prod',
      labels: { app: 'w', tier: 'back' },
      ips: [],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { port: 8125, protocol: 'UDP' }],
      serviceAccount: 'default',
      source: '<input>#1',
    }]);
  });

  test('can read the pod template of a CronJob under spec.jobTemplate', () => {
    const cron = workload('batch/v1', 'CronJob', 'nightly', {
      schedule: '0 0 * * *',
      jobTemplate: { spec: { template: podTemplate({ job: 'nightly' }, [{ containerPort: 9000 }]) } },
    });
    const [endpoint] = buildCluster([cron]).endpoints;
    expect(endpoint.labels).toEqual({ job: 'nightly' });
    expect(endpoint.ports).toEqual([{ port: 9000, protocol: 'TCP' }]);
  });

  test('can read a workload whose template has no labels and no ports', () => {
    const [endpoint] = buildCluster([workload('apps/v1', 'Deployment', 'bare', { template: { spec: { containers: [{ name: 'c' }] } } })]).endpoints;
    expect(endpoint.labels).toEqual({});
    expect(endpoint.ports).toEqual([]);
  });

  test('can read a Service with its selector and ports, defaulting targetPort and protocol', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'prod' },
      spec: {
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http' },
          { name: 'https', port: 443, targetPort: 8443 },
          { port: 53, protocol: 'UDP' },
        ],
      },
    };
    expect(buildCluster([service]).services).toEqual([{
      name: 'web',
      namespace: 'prod',
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
        { port: 53, targetPort: 53, protocol: 'UDP' },
      ],
      source: '<input>#1',
    }]);
  });

  test('can read every policy kind, keeping the spec as written and the input order', () => {
    // GIVEN
    const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'prod' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
    const anp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'anp' }, spec: { priority: 10, subject: { namespaces: {} } } };
    const banp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: { subject: { namespaces: {} } } };
    const cnp = { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'cnp' }, spec: { tier: 'Admin', priority: 5, subject: { namespaces: {} } } };
    const npDefault = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow' }, spec: { podSelector: { matchLabels: { app: 'x' } } } };

    // WHEN
    const cluster = buildCluster([np, anp, banp, cnp, npDefault]);

    // THEN
    expect(cluster.policies).toEqual([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'deny', namespace: 'prod', spec: np.spec, source: '<input>#1' },
      { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', name: 'anp', spec: anp.spec, source: '<input>#2' },
      { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', name: 'default', spec: banp.spec, source: '<input>#3' },
      { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', name: 'cnp', spec: cnp.spec, source: '<input>#4' },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'allow', namespace: 'default', spec: npDefault.spec, source: '<input>#5' },
    ]);
    expect(cluster.policies[1]).not.toHaveProperty('namespace');
    expect([...cluster.namespaces.keys()]).toEqual(['default', 'prod']);
  });

  test('can ignore kinds the analyzer does not read, and known kinds of other groups', () => {
    const cluster = buildCluster([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ignored' }, data: { a: 1 } },
      { apiVersion: 'projectcalico.org/v3', kind: 'IPPool', metadata: { name: 'pool' }, spec: { cidr: '10.0.0.0/16' } },
      { apiVersion: 'example.com/v1', kind: 'NetworkPolicy', metadata: { name: 'other', namespace: 'ignored' } },
      { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'not-apps' } },
    ]);
    expect(cluster).toEqual({
      namespaces: new Map(), endpoints: [], services: [], policies: [], tiers: [], networkSets: [], serviceAccounts: [], unmodelled: [],
    });
  });

  test('can imply the namespaces that objects live in, and put objects without one in default', () => {
    // GIVEN
    const docs = parseManifests([
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: web, labels: {team: web}}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: api}',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n, namespace: db}\nspec: {podSelector: {}}',
      'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: a, namespace: not-a-namespace}\nspec: {priority: 1, subject: {namespaces: {}}}',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: web}\nspec: {template: {}}',
    ].join('\n---\n'), 'ns.yaml');

    // WHEN
    const cluster = buildCluster(docs);

    // THEN
    expect([...cluster.namespaces.values()]).toEqual([
      { name: 'api', labels: { 'kubernetes.io/metadata.name': 'api' }, declared: false },
      { name: 'db', labels: { 'kubernetes.io/metadata.name': 'db' }, declared: false },
      { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' }, declared: false },
      { name: 'web', labels: { 'team': 'web', 'kubernetes.io/metadata.name': 'web' }, declared: true },
    ]);
    expect(cluster.endpoints.map(e => `${e.namespace}/${e.name}`)).toEqual(['default/p', 'web/d']);
  });

  test('can sort endpoints by namespace, kind and name, and services by namespace and name', () => {
    const pod = (name: string, namespace: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } });
    const svc = (name: string, namespace: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace } });
    const cluster = buildCluster([
      pod('b', 'y'), workload('apps/v1', 'Deployment', 'z', { template: {} }, 'y'), pod('a', 'y'), pod('c', 'x'),
      svc('b', 'y'), svc('a', 'y'), svc('z', 'x'),
    ]);
    expect(cluster.endpoints.map(e => `${e.namespace}/${e.kind}/${e.name}`)).toEqual(['x/Pod/c', 'y/Deployment/z', 'y/Pod/a', 'y/Pod/b']);
    expect(cluster.services.map(s => `${s.namespace}/${s.name}`)).toEqual(['x/z', 'y/a', 'y/b']);
  });

  test('can give objects from a List the source of their item', () => {
    const docs = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: b}}\n', 'list.yaml');
    expect(buildCluster(docs).endpoints.map(e => e.source)).toEqual(['list.yaml#1', 'list.yaml#2.items[0]']);
    const raw = buildCluster([{ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'c' } }] }]);
    expect(raw.endpoints.map(e => e.source)).toEqual(['<input>#1.items[0]']);
  });

  test('can read the same name as different kinds in one namespace', () => {
    const cluster = buildCluster([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' } },
      workload('apps/v1', 'Deployment', 'web', { template: {} }, 'default'),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } },
    ]);
    expect(cluster.endpoints.map(e => e.kind)).toEqual(['Deployment', 'Pod']);
  });

  test('throws if an object is defined twice, naming both places', () => {
    const a = parseManifests('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\nspec: {template: {}}\n', 'a.yaml');
    const b = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\nspec: {template: {}}\n', 'b.yaml');
    const error = manifestError(() => buildCluster([...a, ...b]));
    expect(error.message).toBe('b.yaml: document 2: Deployment prod/web: defined twice (first at a.yaml#1)');
    expect(error.source).toBe('b.yaml');
    const policy = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'p' }, spec: { priority: 1, subject: { namespaces: {} } } };
    expect(manifestError(() => buildCluster([policy, policy])).message).toBe('<input>: document 2: AdminNetworkPolicy p: defined twice (first at <input>#1)');
  });

  test.each<[string, any, string]>([
    ['no metadata', { apiVersion: 'v1', kind: 'Pod' }, 'Pod: metadata.name: is missing'],
    ['no name', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'prod' } }, 'Deployment: metadata.name: is missing'],
    ['a name that is not a string', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 7 } }, 'Pod: metadata.name: must be a string, got the number 7'],
    ['an invalid name', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'Web_1' } },
      'Pod: metadata.name: object name must be a DNS-1123 subdomain: 1-253 lowercase alphanumerics, "-" or ".", starting and ending alphanumeric (got "Web_1"). Fix: use a name like "web-1"'],
    ['an invalid namespace', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a.b' } },
      'Pod p: metadata.namespace: namespace name must be a DNS-1123 label: 1-63 lowercase alphanumerics or "-", starting and ending alphanumeric (got "a.b"). Fix: use a name like "a-b"'],
    ['labels that are a list', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: ['app'] } }, 'Pod default/p: metadata.labels: must map label keys to values, got a list'],
    ['a label value that is a number', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { version: 1.1 } } },
      'Namespace n: metadata.labels["version"]: must be a string, got the number 1.1; quote it in YAML'],
    ['an invalid label key', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { 'a b': 'x' } } },
      'Pod default/p: metadata.labels["a b"]: label key name must be 1-63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric (got "a b"). Fix: use a key like "app" or "app.kubernetes.io/name"'],
    ['a port that is a string', workload('apps/v1', 'Deployment', 'd', { template: podTemplate({}, [{ containerPort: '8080' }]) }),
      'Deployment prod/d: spec.template.spec.containers[0].ports[0].containerPort: must be a port number from 1 to 65535, got the string "8080"'],
    ['a port out of range', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ ports: [{ containerPort: 70000 }] }] } },
      'Pod default/p: spec.containers[0].ports[0].containerPort: must be a port number from 1 to 65535, got the number 70000'],
    ['a bad protocol', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ ports: [{ containerPort: 80, protocol: 'tcp' }] }] } },
      'Pod default/p: spec.containers[0].ports[0].protocol: must be TCP, UDP or SCTP, got the string "tcp"'],
    ['ports that are not a list', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ ports: { containerPort: 80 } }] } },
      'Pod default/p: spec.containers[0].ports: must be a list, got a mapping'],
    ['a bad port name', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ ports: [{ containerPort: 80, name: 'HTTP' }] }] } },
      'Pod default/p: spec.containers[0].ports[0].name: a port name must be lowercase alphanumerics or "-", starting and ending alphanumeric (got "HTTP"). Fix: use the container port\'s name as declared in the pod spec, e.g. "http" or "metrics"'],
    ['a bad pod IP', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { podIPs: [{ ip: '10.0.0.300' }] } },
      'Pod default/p: status.podIPs[0].ip: must be an IPv4 or IPv6 address, got the string "10.0.0.300"'],
    ['a workload without a template', workload('batch/v1', 'CronJob', 'c', { jobTemplate: { spec: {} } }),
      'CronJob prod/c: spec.jobTemplate.spec.template: is missing: the pods cannot be known without their template'],
    ['a Service selector with a number', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: true } } },
      'Service default/s: spec.selector["app"]: must be a string, got the boolean true; quote it in YAML'],
    ['a Service port without a number', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'http' }] } },
      'Service default/s: spec.ports[0].port: must be a port number from 1 to 65535, got nothing'],
    ['a policy without spec', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'prod' } },
      'NetworkPolicy prod/np: spec: is missing'],
    ['an admin policy whose spec is a list', { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'a' }, spec: [] },
      '[API_TYPE] AdminNetworkPolicy a: spec: must be a mapping, got a list. Fix: write it as a mapping (key: value), not a list'],
    ['a policy version the analyzer does not know', { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'AdminNetworkPolicy', metadata: { name: 'a' }, spec: {} },
      'AdminNetworkPolicy: apiVersion policy.networking.k8s.io/v1alpha2 is not supported; use policy.networking.k8s.io/v1alpha1'],
    ['an old NetworkPolicy group', { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', metadata: { name: 'a' }, spec: {} },
      'NetworkPolicy: apiVersion extensions/v1beta1 is not supported; use networking.k8s.io/v1'],
  ])('throws if an object has %s', (_what, doc, problem) => {
    const error = manifestError(() => buildCluster([{ apiVersion: 'v1', kind: 'ConfigMap' }, doc]));
    expect(error.message).toBe(`<input>: document 2: ${problem}`);
    expect(error.source).toBe('<input>');
  });

  test('throws if a document is not a Kubernetes object', () => {
    expect(manifestError(() => buildCluster(['text'])).message)
      .toBe('<input>: document 1: expected a Kubernetes object (a mapping with apiVersion and kind), got the string "text"');
  });

  test('throws naming the file and document of a parsed object', () => {
    const docs = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, labels: {n: 1}}\n', 'pods.yaml');
    const error = manifestError(() => buildCluster(docs));
    expect(error.message).toBe('pods.yaml: document 2: Pod default/b: metadata.labels["n"]: must be a string, got the number 1; quote it in YAML');
    expect(error.source).toBe('pods.yaml');
  });
});

describe('buildCluster policy shapes', () => {
  const np = (spec: any) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'prod' }, spec });
  const anp = (spec: any) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'a' }, spec });
  const refuse = (doc: any) => {
    try {
      buildCluster([doc]);
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };

  // A manifest the API server would reject must not be read as "matches nothing": that answers ALLOW for it.
  test.each([
    [np({ podSelector: 7 }), '[API_TYPE] NetworkPolicy prod/p: spec.podSelector: must be a mapping, got the number 7'],
    [np({ podSelector: { matchLabels: 5 } }), 'spec.podSelector.matchLabels'],
    [np({ podSelector: {}, policyTypes: ['Sideways'] }), 'spec.policyTypes[0]: must be Ingress or Egress'],
    [np({ podSelector: {}, ingress: [{ from: [{}] }] }), '[API_PEER] NetworkPolicy prod/p: spec.ingress[0].from[0]: must specify a peer'],
    [np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }), '[API_PEER] NetworkPolicy prod/p: spec.ingress[0].from[0]: may not specify both ipBlock and podSelector'],
    [np({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: 'banana' } }] }] }), 'spec.egress[0].to[0].ipBlock.cidr: must be a CIDR'],
    [np({ podSelector: {}, ingress: [{ ports: [{ protocol: 'ICMP' }] }] }), 'spec.ingress[0].ports[0].protocol: must be TCP, UDP or SCTP'],
    [np({ podSelector: {}, ingress: [{ ports: [{ port: 0 }] }] }), 'spec.ingress[0].ports[0].port'],
    [np({ podSelector: {}, ingress: [{ ports: [{ port: 'http', endPort: 90 }] }] }), 'endPort: needs a numeric port'],
    [np({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } }), '[API_SELECTOR] NetworkPolicy prod/p: spec.podSelector.matchExpressions[0].values: must not be empty when the operator is In'],
    [anp({ priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }, { action: 'Maybe', from: [{ namespaces: {} }] }] }), 'spec.ingress[1].action: must be one of Allow, Deny, Pass'],
    [anp({ priority: 1, subject: {} }), '[API_SIZE] AdminNetworkPolicy a: spec.subject: must set at least 1 field, got 0'],
    [anp({ priority: 2000, subject: { namespaces: {} } }), '[API_RANGE] AdminNetworkPolicy a: spec.priority: must be at most 1000, got 2000'],
  ])('throws if a policy is malformed: %#', (doc, message) => {
    expect(refuse(doc)).toContain(message);
  });

  test('accepts the shapes the API server accepts', () => {
    expect(refuse(np({ podSelector: {}, ingress: [{}], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 80, endPort: 90 }, { port: 'http' }, { protocol: 'UDP' }] }] }))).toBe('accepted');
  });
});
