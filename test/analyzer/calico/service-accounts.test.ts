import { analyzeCalico, expectFlows } from './support';

// Service accounts in Calico policy: `serviceAccounts` in a rule and `serviceAccountSelector` on a policy select pods
// by the ServiceAccount they run as, by name or by the account's labels. Expected verdicts are the docs'.
// Source: https://docs.tigera.io/calico/latest/network-policy/policy-rules/service-accounts ("Use service accounts
// rules in policy"); labels from ServiceAccounts per libcalico-go conversion.go ServiceAccountToProfile.

const NAMESPACE = 'prod-engineering';

function pod(name: string, labels: Record<string, string>, serviceAccount?: string, namespace = NAMESPACE): string {
  return `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: ${JSON.stringify(labels)}}
spec:
${serviceAccount ? `  serviceAccountName: ${serviceAccount}\n` : ''}  containers: [{name: main, image: x, ports: [{containerPort: 5432}]}]
`;
}

function account(name: string, labels: Record<string, string> = {}, namespace = NAMESPACE): string {
  return `
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: ${namespace}, labels: ${JSON.stringify(labels)}}
`;
}

describe('Use service accounts rules in policy', () => {
  test('limit ingress traffic for workloads by service account name', () => {
    // "ingress traffic is allowed from any workload whose service account matches the names api-service or
    // user-auth-service."
    const a = analyzeCalico([
      pod('db', { app: 'db' }), pod('api', { app: 'api' }, 'api-service'), pod('auth', { app: 'auth' }, 'user-auth-service'),
      pod('other', { app: 'other' }), pod('api', { app: 'api' }, 'api-service', 'elsewhere'),
      account('api-service'), account('user-auth-service'), `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: demo-calico
  namespace: prod-engineering
spec:
  ingress:
    - action: Allow
      source:
        serviceAccounts:
          names:
            - api-service
            - user-auth-service
  selector: 'app == "db"'
`,
    ].join('---'), { base: [] });
    expectFlows(a, `
      prod-engineering/api -> prod-engineering/db 5432/TCP .
      prod-engineering/auth -> prod-engineering/db 5432/TCP .
      prod-engineering/other -> prod-engineering/db 5432/TCP X
      192.0.2.1 -> prod-engineering/db 5432/TCP X
    `);
    // updateprocessors/rules.go GetEntityRuleSelector: in a namespaced policy, serviceAccounts are scoped to the
    // policy's namespace when no namespaceSelector is given.
    expectFlows(a, `
      elsewhere/api -> prod-engineering/db 5432/TCP X
    `);
  });

  test('limit ingress traffic for workloads by service account label', () => {
    // "ingress traffic is allowed from any workload whose service account matches the label selector,
    // app == web-frontend."
    const a = analyzeCalico([
      pod('db', { app: 'db' }), pod('web', { app: 'web' }, 'web'), pod('batch', { app: 'batch' }, 'batch'),
      account('web', { app: 'web-frontend' }), account('batch', { app: 'batch' }), `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-web-frontend
  namespace: prod-engineering
spec:
  ingress:
    - action: Allow
      source:
        serviceAccounts:
          selector: 'app == "web-frontend"'
  selector: 'app == "db"'
`,
    ].join('---'), { base: [] });
    expectFlows(a, `
      prod-engineering/web -> prod-engineering/db 5432/TCP .
      prod-engineering/batch -> prod-engineering/db 5432/TCP X
    `);
    expect(a.cluster.serviceAccounts).toEqual([
      { namespace: NAMESPACE, name: 'batch', labels: { app: 'batch' }, source: 'policies.yaml#5' },
      { namespace: NAMESPACE, name: 'web', labels: { app: 'web-frontend' }, source: 'policies.yaml#4' },
    ]);
  });

  test('use Kubernetes RBAC to control service account label assignment', () => {
    // "pods with an intern service account can communicate only with pods with service accounts labeled, role:
    // intern." The policy applies (serviceAccountSelector) to pods whose service account is labelled role: intern.
    const a = analyzeCalico([
      pod('intern-a', { app: 'a' }, 'intern'), pod('intern-b', { app: 'b' }, 'intern'), pod('staff', { app: 'c' }, 'staff'),
      account('intern', { role: 'intern' }), account('staff', { role: 'staff' }), `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: restrict-intern-access
  namespace: prod-engineering
spec:
  serviceAccountSelector: 'role == "intern"'
  ingress:
    - action: Allow
      source:
        serviceAccounts:
          selector: 'role == "intern"'
  egress:
    - action: Allow
      destination:
        serviceAccounts:
          selector: 'role == "intern"'
`,
    ].join('---'), { base: [] });
    expectFlows(a, `
      prod-engineering/intern-a -> prod-engineering/intern-b 5432/TCP .
      prod-engineering/intern-a -> prod-engineering/staff 5432/TCP X
      prod-engineering/staff -> prod-engineering/intern-a 5432/TCP X
      prod-engineering/intern-a -> 192.0.2.1 443/TCP X
    `);
  });

  test('a service account selector reads projectcalico.org/name, and the account\'s labels win nothing over it', () => {
    // Source: https://docs.tigera.io/calico/latest/reference/resources/networkpolicy, serviceAccountSelector: "Select
    // a specific service account by name using the projectcalico.org/name label." ServiceAccountToProfile sets it
    // after the account's own labels.
    const a = analyzeCalico([
      pod('db', { app: 'db' }), pod('api', { app: 'api' }, 'api-service'),
      account('api-service', { 'projectcalico.org/name': 'spoofed' }), `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: by-name, namespace: prod-engineering}
spec:
  selector: app == 'db'
  ingress:
  - action: Allow
    source:
      serviceAccounts:
        selector: projectcalico.org/name == 'api-service'
`,
    ].join('---'), { base: [] });
    expectFlows(a, `
      prod-engineering/api -> prod-engineering/db 5432/TCP .
    `);
  });

  test('a pod selector reads the account\'s labels as pcsa.<key>', () => {
    // libcalico-go conversion.go: ServiceAccountLabelPrefix "pcsa." on the labels the account's profile passes on.
    const a = analyzeCalico([
      pod('db', { app: 'db' }), pod('web', { app: 'web' }, 'web'), pod('batch', { app: 'batch' }),
      account('web', { tier: 'frontend' }), `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: by-pcsa, namespace: prod-engineering}
spec:
  selector: app == 'db'
  ingress:
  - action: Allow
    source:
      selector: pcsa.tier == 'frontend'
`,
    ].join('---'), { base: [] });
    expectFlows(a, `
      prod-engineering/web -> prod-engineering/db 5432/TCP .
      prod-engineering/batch -> prod-engineering/db 5432/TCP X
    `);
  });
});
