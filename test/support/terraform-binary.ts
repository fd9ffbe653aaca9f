// Plans a module with the real `terraform` binary, offline, to hold ./terraform-module.ts to what Terraform does.
// The kubernetes provider cannot be installed without the registry, so each kubernetes_* resource is planned as a
// built-in `terraform_data` resource with the same count or for_each and its arguments as `input`: Terraform evaluates
// every expression of the module (variables and their validations, locals, templates, count, for_each, outputs)
// exactly as it would with the provider, which only then reads the evaluated arguments.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ResourceInstance } from './terraform-module';

/** The `terraform` binary on PATH, or undefined. */
export const TERRAFORM: string | undefined = (() => {
  const found = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
})();

/** What `terraform plan` found: the summaries and details of its errors, or the instances and outputs it plans. */
export interface BinaryPlan {
  readonly errors: string[];
  readonly resources: ResourceInstance[];
  readonly outputs: Record<string, unknown>;
}

const SEPARATOR = '__';

/** Plans the module in `moduleDir` called with `variables` (literal values), in a scratch folder removed after. */
export function terraformPlan(moduleDir: string, variables: Record<string, unknown>): BinaryPlan {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-plan-'));
  try {
    const child = path.join(work, 'module');
    fs.mkdirSync(child);
    for (const file of fs.readdirSync(moduleDir).filter(f => f.endsWith('.tf.json'))) {
      const config = JSON.parse(fs.readFileSync(path.join(moduleDir, file), 'utf8'));
      fs.writeFileSync(path.join(child, file), JSON.stringify(withoutProvider(config)));
    }
    const outputs = Object.keys(JSON.parse(fs.readFileSync(path.join(moduleDir, 'outputs.tf.json'), 'utf8')).output);
    fs.writeFileSync(path.join(work, 'root.tf.json'), JSON.stringify({
      module: { baseline: { source: './module', ...variables } },
      output: Object.fromEntries(outputs.map(o => [o, { value: `\${module.baseline.${o}}` }])),
    }));
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: path.join(work, 'none.tfrc') };
    fs.writeFileSync(env.TF_CLI_CONFIG_FILE, '');
    execFileSync(TERRAFORM!, ['init', '-input=false', '-no-color'], { cwd: work, env, stdio: 'pipe' });
    const plan = spawnSync(TERRAFORM!, ['plan', '-input=false', '-no-color', '-json', '-out=plan.bin'], { cwd: work, env, encoding: 'utf8' });
    const errors = plan.stdout.split('\n').filter(l => l.trim() !== '').map(l => JSON.parse(l))
      .filter(m => m['@level'] === 'error').map(m => `${m.diagnostic?.summary}: ${m.diagnostic?.detail}`);
    if (plan.status !== 0) {
      if (errors.length === 0) throw new Error(`terraform plan failed without a diagnostic: ${plan.stderr}`);
      return { errors, resources: [], outputs: {} };
    }
    const shown = JSON.parse(execFileSync(TERRAFORM!, ['show', '-json', 'plan.bin'], { cwd: work, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    const resources = (shown.planned_values.root_module.child_modules ?? []).flatMap((m: any) => m.resources ?? []).map((r: any) => {
      const [type, name] = r.name.split(SEPARATOR);
      return { type, name, key: r.index, body: r.values.input };
    });
    const planned = Object.fromEntries(Object.entries<any>(shown.planned_values.outputs ?? {}).map(([k, v]) => [k, v.value]));
    return { errors, resources, outputs: planned };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The configuration with each kubernetes_* resource as a terraform_data resource named `<type>__<name>`, and no provider requirement. */
function withoutProvider(config: any): any {
  const { terraform, resource, ...rest } = config;
  const out: any = { ...rest };
  if (terraform !== undefined) out.terraform = { required_version: terraform.required_version };
  if (resource !== undefined) {
    const data: Record<string, any> = {};
    for (const [type, byName] of Object.entries<any>(resource)) {
      for (const [name, body] of Object.entries<any>(byName)) {
        const { count, for_each: forEach, ...args } = body;
        data[`${type}${SEPARATOR}${name}`] = { ...count !== undefined ? { count } : {}, ...forEach !== undefined ? { for_each: forEach } : {}, input: args };
      }
    }
    out.resource = { terraform_data: data };
  }
  return out;
}
