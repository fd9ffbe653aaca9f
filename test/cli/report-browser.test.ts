// `cdk-netpol report`, opened in a real headless Chromium (Debian's chromium package, driven by playwright-core; no
// browser is downloaded). Without the browser the suite skips with a printed reason, and fails under CI=true, where
// .ci/run installs it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { stringify } from 'yaml';
import { deployment, runCli } from './harness';
import * as ingressFrontendBackend from '../../examples/ingress-frontend-backend/main';
import * as threeTierProduction from '../../examples/three-tier-production/main';
import { evaluatorFor } from '../../lib/analyzer/evaluators';
import { externalView } from '../../lib/analyzer/external-peers';
import { buildCluster, readManifests } from '../../lib/analyzer/load';
import { computeMatrix } from '../../lib/analyzer/matrix';
import { browserOrSkip, launchBrowser } from '../support/browser';

const REPORTS = path.resolve(__dirname, '..', '..', 'test-reports');

const executablePath = browserOrSkip('report-browser.test.ts');
const describeWithBrowser = executablePath === undefined ? describe.skip : describe;

const INGRESS_NGINX = deployment('ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' }, [{ name: 'http', port: 80 }]);
const COREDNS = deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }]);

interface Example {
  readonly name: string;
  readonly createApp: (outdir?: string) => { synth(): void };
  /** YAML of the example's own workloads, when it has them. */
  readonly deployments?: () => string;
  readonly workloads: readonly any[];
  /** The namespace the filter is tried on. */
  readonly namespace: string;
}

/** Two examples with the workloads their READMEs name. */
const EXAMPLES: Example[] = [
  {
    name: 'three-tier-production',
    createApp: threeTierProduction.createApp,
    workloads: [
      deployment('production', 'frontend', { app: 'frontend' }, [{ name: 'http', port: 8080 }]),
      deployment('production', 'api', { app: 'api' }, [{ name: 'http', port: 8080 }]),
      deployment('production', 'database', { app: 'database' }, [{ name: 'postgres', port: 5432 }]),
      INGRESS_NGINX,
      COREDNS,
    ],
    namespace: 'production',
  },
  {
    name: 'ingress-frontend-backend',
    createApp: ingressFrontendBackend.createApp,
    // Its frontend and backend are the example's own cdk8s-plus Deployments (synthesized from createWorkloads).
    deployments: () => ingressFrontendBackend.createWorkloads().app.synthYaml(),
    workloads: [
      deployment('ingress', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' }, [{ name: 'http', port: 80 }, { name: 'https', port: 443 }]),
      COREDNS,
    ],
    namespace: 'frontend',
  },
];

let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-report-'));
  fs.mkdirSync(REPORTS, { recursive: true });
  if (executablePath === undefined) return;
  browser = await launchBrowser(executablePath);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describeWithBrowser.each(EXAMPLES)('report of $name, in headless Chromium', example => {
  const folder = () => path.join(dir, example.name);
  const manifests = () => [path.join(folder(), 'policies'), path.join(folder(), 'workloads.yaml')];

  beforeAll(async () => {
    example.createApp(path.join(folder(), 'policies')).synth();
    const own = example.deployments !== undefined ? `${example.deployments()}\n---\n` : '';
    fs.writeFileSync(path.join(folder(), 'workloads.yaml'), own + example.workloads.map(w => stringify(w)).join('---\n'));
    const written = await runCli(['report', '--out', path.join(folder(), 'report.html'), ...manifests()], { cwd: dir });
    expect(written.code).toBe(0);
  }, 60_000);

  test('draws what the analyzer finds, without a console error; a click shows the explain trace; the filter hides other namespaces', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(`file://${path.join(folder(), 'report.html')}`);

    // The analyzer's answer, computed here from the manifests with the library.
    const cluster = buildCluster(readManifests(manifests()));
    const evaluator = evaluatorFor('kubernetes', cluster);
    const pairs = new Set(computeMatrix(cluster, evaluator).map(m => `${m.from.namespace}/${m.from.name} -> ${m.to.namespace}/${m.to.name}`));
    const outside = externalView(cluster, evaluator);
    expect(await page.locator('.node[data-kind=workload]').count()).toBe(cluster.endpoints.length);
    expect(await page.locator('.node[data-kind=external]').count()).toBe(outside.peers.length);
    expect(await page.locator('.edge').count()).toBe(pairs.size + outside.flows.length);

    // Clicking an edge between two workloads shows what `explain` prints for each of its ports.
    const edges = await page.locator('.edge').evaluateAll(els => els.map(el => ({
      from: el.getAttribute('data-from')!, to: el.getAttribute('data-to')!, label: el.querySelector('text')!.textContent!,
    })));
    const index = edges.findIndex(e => !e.from.startsWith('outside:') && !e.to.startsWith('outside:'));
    expect(index).toBeGreaterThanOrEqual(0);
    const edge = edges[index];
    await page.locator('.edge text').nth(index).click();
    const explained: string[] = [];
    for (const [, port, protocol] of edge.label.matchAll(/(\d+)\/(TCP|UDP|SCTP)/g)) {
      const result = await runCli(['explain', '--from', edge.from, '--to', edge.to, '--port', port, '--protocol', protocol, ...manifests()], { cwd: dir });
      explained.push(result.stdout.trimEnd());
    }
    expect(explained.length).toBeGreaterThan(0);
    expect(await page.textContent('#trace')).toBe(explained.join('\n\n'));

    // The namespace filter keeps that namespace's workloads and hides the others'.
    await page.selectOption('#namespace-filter', example.namespace);
    const visible = await page.locator('.node[data-kind=workload]:not(.hidden)').evaluateAll(els => els.map(el => el.getAttribute('data-namespace')));
    expect(visible.length).toBe(cluster.endpoints.filter(e => e.namespace === example.namespace).length);
    expect(new Set(visible)).toEqual(new Set([example.namespace]));
    expect(await page.locator('.cluster:not(.hidden)').evaluateAll(els => els.map(el => el.getAttribute('data-namespace')))).toEqual([example.namespace]);
    await page.selectOption('#namespace-filter', '');

    await page.screenshot({ path: path.join(REPORTS, `report-${example.name}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describeWithBrowser('report --before', () => {
  test('colours the flows a change opens, and makes no request when opened', async () => {
    const base = path.join(dir, 'before-after');
    threeTierProduction.createApp(path.join(base, 'after')).synth();
    const workloads = EXAMPLES[0].workloads.map(w => stringify(w)).join('---\n');
    fs.writeFileSync(path.join(base, 'workloads.yaml'), workloads);
    // Before: the same policies and workloads, without the frontend's ingress from ingress-nginx.
    fs.mkdirSync(path.join(base, 'before'), { recursive: true });
    const policies = fs.readdirSync(path.join(base, 'after')).map(f => fs.readFileSync(path.join(base, 'after', f), 'utf8')).join('\n---\n');
    const kept = policies.split(/^---$/m).filter(d => !d.includes('name: frontend-ingress-from-ingress-nginx'));
    expect(kept.length).toBeLessThan(policies.split(/^---$/m).length);
    fs.writeFileSync(path.join(base, 'before', 'policies.yaml'), kept.join('---'));
    fs.writeFileSync(path.join(base, 'before', 'workloads.yaml'), workloads);
    const out = path.join(base, 'report.html');
    const written = await runCli(['report', '--out', out, '--before', path.join(base, 'before'), path.join(base, 'after'), path.join(base, 'workloads.yaml')], { cwd: dir });
    expect(written.code).toBe(0);

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', r => requests.push(r.url()));
    await page.goto(`file://${out}`);
    const added = await page.locator('.edge[data-status=added]').evaluateAll(els => els.map(el => `${el.getAttribute('data-from')} -> ${el.getAttribute('data-to')}`));
    expect(added).toEqual(['ingress-nginx/controller -> production/frontend']);
    expect(await page.textContent('#diff')).toContain('1 flows newly allowed');
    // Only the page itself: its styles, script and data are inline.
    expect(requests).toEqual([`file://${out}`]);
    await page.close();
  }, 60_000);
});
