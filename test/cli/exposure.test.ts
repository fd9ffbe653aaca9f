// `cdk-netpol exposure`: the shop fixture (default deny, DNS for all, web -> api on 8080, db only from api) beside a
// namespace without policies.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES, runCli } from './harness';

let dir: string;
const OPEN = `apiVersion: apps/v1
kind: Deployment
metadata: { name: toy, namespace: sandbox }
spec:
  selector: { matchLabels: { app: toy } }
  template:
    metadata: { labels: { app: toy } }
    spec: { containers: [{ name: toy, image: example/toy, ports: [{ name: http, containerPort: 8080 }] }] }
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-exposure-'));
  fs.writeFileSync(path.join(dir, 'sandbox.yaml'), OPEN);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('exposure', () => {
  const args = () => [path.join(FIXTURES, 'cluster'), path.join(dir, 'sandbox.yaml')];

  test('text: open workloads first, each port with who may connect, and where it may go outside', async () => {
    const result = await runCli(['exposure', ...args()]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('engine kubernetes; outside the cluster: every address outside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7');
    // The open ones: the namespaces without policies.
    expect(lines.filter(l => l.startsWith('OPEN')).sort()).toEqual([
      'OPEN (ingress and egress) kube-system/coredns',
      'OPEN (ingress and egress) sandbox/toy',
    ]);
    expect(lines.findIndex(l => l.startsWith('shop/'))).toBeGreaterThan(lines.findIndex(l => l.startsWith('OPEN (ingress and egress) sandbox/toy')));
    const block = (name: string) => lines.slice(lines.indexOf(name) + 1, lines.findIndex((l, i) => i > lines.indexOf(name) && !l.startsWith('  ')));
    expect(block('shop/db')).toEqual([
      '  ingress 5432/TCP (postgres): from outside: none; from any namespace: no; from its namespace: no; workloads: shop/api',
      '  egress to outside: none',
    ]);
    expect(block('shop/web')[0]).toBe('  ingress 8080/TCP (http): from outside: none; from any namespace: no; from its namespace: no; workloads: none');
  });

  test('json and markdown', async () => {
    const json = JSON.parse((await runCli(['exposure', '--format', 'json', ...args()])).stdout);
    const toy = json.workloads.find((w: any) => w.workload === 'sandbox/toy');
    expect(toy).toMatchObject({ ingressOpen: true, egressOpen: true, egress: [{ to: 'any address', ports: ['any port'] }] });
    expect(toy.ingress[0]).toMatchObject({ port: '8080/TCP (http)', fromOutside: ['any address'], fromEveryNamespace: true });
    const markdown = (await runCli(['exposure', '--format', 'markdown', ...args()])).stdout.split('\n');
    expect(markdown[0]).toBe('**cdk-netpol exposure** (kubernetes): 2 of 5 workloads open in a direction.');
    expect(markdown[2]).toBe('| Workload | Ingress open | Egress open | Ingress | Egress to outside |');
    expect(markdown.find(l => l.startsWith('| shop/api |'))).toBe(
      '| shop/api | no | no | 8080/TCP (http): from outside: none; from any namespace: no; from its namespace: no; workloads: shop/web | none |',
    );
  });
});
