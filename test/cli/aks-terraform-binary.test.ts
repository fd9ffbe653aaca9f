// The module of `cdk-netpol aks --format terraform`, planned by the real `terraform` binary where one is installed: it
// plans the same instances with the same arguments and outputs, and refuses the same variables, as the evaluator the
// other tests read the module with (test/support/terraform-module.ts). Not part of the suite: `npx projen test:terraform`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './harness';
import { TERRAFORM, terraformPlan } from '../support/terraform-binary';
import { planModule, readModule } from '../support/terraform-module';

const CASES: Array<[string, string[], Array<Record<string, unknown>>]> = [
  ['calico', [], [{}, { enable_default_deny: true }, { enable_default_deny: true, exempt_namespaces: ['monitoring', 'kube-system', 'monitoring'] },
    { enable_default_deny: true, exempt_namespaces: ['ingress-nginx'] }, { exempt_namespaces: ['kube-system', 'Team_A'] }]],
  ['cilium', ['--node-local-dns', '169.254.10.10'], [{}, { enable_default_deny: true }, { enable_default_deny: true, exempt_namespaces: ['kube-system', 'b', 'a'] },
    { exempt_namespaces: ['ingress-nginx'] }]],
  ['azure', ['--namespaces', 'team-a', 'team-b'], [{}, { enable_default_deny: true }, { enable_default_deny: true, namespaces: ['team-c', 'team-a', 'team-c'] },
    { namespaces: ['team-a', 'kube-system'] }, { namespaces: ['team-a', 'gatekeeper-system'] }, { enable_default_deny: true, namespaces: [] }]],
];

/** The `(CODE).` each validation message ends with, sorted. */
function codes(errors: readonly string[]): string[] {
  return errors.flatMap(e => [...e.matchAll(/\(([A-Z_]+)\)\./g)].map(m => m[1])).sort();
}

// Run by `npx projen test:terraform`, never by the suite (the binary is in neither npm's nor Debian's registry):
// asked for, a missing binary is a failure.
test('finds a terraform binary on the PATH', () => {
  expect(TERRAFORM).toBeDefined();
});

const describeWithTerraform = TERRAFORM !== undefined ? describe : describe.skip;

describeWithTerraform('aks --format terraform, planned by terraform', () => {
  let scratch: string;
  beforeAll(() => { scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-aks-tfbin-')); });
  afterAll(() => { fs.rmSync(scratch, { recursive: true, force: true }); });

  test.each(CASES)('--engine %s %j: the same plans as the evaluator', async (engine, options, variableSets) => {
    const dir = path.join(scratch, engine);
    expect((await runCli(['aks', '--engine', engine, '--format', 'terraform', ...options, '--out', dir], { cwd: scratch })).code).toBe(0);
    const module = readModule(dir);
    for (const variables of variableSets) {
      const real = terraformPlan(dir, variables);
      const evaluated = planModule(module, variables);
      // Both refuse the same variables. Terraform may report fewer of the failing rules: with a literal argument it
      // skips the rules that read another variable once a rule of the variable alone has failed.
      expect({ variables, refused: real.errors.length > 0 }).toEqual({ variables, refused: evaluated.errors.length > 0 });
      expect(codes(evaluated.errors)).toEqual(expect.arrayContaining(codes(real.errors)));
      expect(real.resources).toEqual(evaluated.resources);
      expect(real.outputs).toEqual(evaluated.outputs);
    }
  }, 120_000);
});
