// Reads a Terraform module in JSON syntax as `terraform plan` would for the parts the `cdk-netpol aks --format terraform`
// module uses: variables (type, default, validation), locals, resources with count or for_each, outputs. Expressions
// are evaluated by ./terraform-expression.ts; anything else in the module throws.
import * as fs from 'fs';
import * as path from 'path';
import { TerraformSet, Value, evaluateJson, evaluateTemplate } from './terraform-expression';

/** One instance of a resource: `type.name`, `type.name[0]` or `type.name["key"]`. */
export interface ResourceInstance {
  readonly type: string;
  readonly name: string;
  /** `count.index` or `each.key`; undefined without count and for_each. */
  readonly key?: string | number;
  /** The arguments and blocks, evaluated. */
  readonly body: any;
}

/** What a plan of the module with these variables would find: its failed validations, or its resources and outputs. */
export interface ModulePlan {
  /**
   * The error_message of every failed validation; empty when the variables are accepted (then nothing else is).
   * Terraform refuses the same variables but may report fewer of the failed rules (not every rule of a variable whose
   * first failed).
   */
  readonly errors: string[];
  readonly resources: ResourceInstance[];
  readonly outputs: Record<string, Value>;
}

const TOP_LEVEL = new Set(['//', 'terraform', 'variable', 'locals', 'resource', 'output']);
const META_ARGUMENTS = new Set(['count', 'for_each']);

/** Every `*.tf.json` file of `dir`, merged as Terraform merges the files of a module. */
export function readModule(dir: string): any {
  const merged: any = { variable: {}, locals: {}, resource: {}, output: {} };
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.tf.json')).sort()) {
    const config = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const [key, value] of Object.entries<any>(config)) {
      if (!TOP_LEVEL.has(key)) throw new Error(`${file}: ${key} blocks are outside what this reader knows`);
      if (key === '//' || key === 'terraform') continue;
      if (key === 'resource') {
        for (const [type, byName] of Object.entries<any>(value)) merged.resource[type] = { ...merged.resource[type], ...byName };
      } else {
        merged[key] = { ...merged[key], ...value };
      }
    }
  }
  return merged;
}

/** Plans `module` (as `readModule` gives it) with the given variables; the others take their defaults. */
export function planModule(module: any, given: Record<string, unknown>): ModulePlan {
  for (const name of Object.keys(given)) if (!(name in module.variable)) throw new Error(`An argument named "${name}" is not expected here`);
  const vars: Record<string, Value> = {};
  for (const [name, declaration] of Object.entries<any>(module.variable)) {
    const value = (name in given ? given[name] : declaration.default) as Value;
    if (value === undefined) throw new Error(`The input variable "${name}" is not set, and has no default value`);
    vars[name] = typed(name, declaration.type, value);
  }
  const errors: string[] = [];
  for (const declaration of Object.values<any>(module.variable)) {
    for (const rule of declaration.validation ?? []) {
      const ok = evaluateTemplate(rule.condition, { var: vars });
      if (typeof ok !== 'boolean') throw new Error(`a validation condition is ${JSON.stringify(ok)}, not a bool`);
      if (!ok) errors.push(rule.error_message);
    }
  }
  if (errors.length > 0) return { errors, resources: [], outputs: {} };
  const scope = { var: vars, local: locals(module.locals, vars) };
  const resources: ResourceInstance[] = [];
  for (const [type, byName] of Object.entries<any>(module.resource)) {
    for (const [name, config] of Object.entries<any>(byName)) {
      const body = Object.fromEntries(Object.entries(config).filter(([k]) => !META_ARGUMENTS.has(k)));
      for (const instance of instances(config, scope)) {
        resources.push({ type, name, key: instance.key, body: evaluateJson(body, { ...scope, ...instance.scope }) });
      }
    }
  }
  const outputs = Object.fromEntries(Object.entries<any>(module.output).map(([name, o]) => [name, evaluateJson(o.value, scope)]));
  return { errors, resources, outputs };
}

/**
 * The resources of a plan as one Terraform JSON configuration, each instance under its own name (`name[key]`), for
 * the analyzer's reader of `kubernetes_*` resources.
 */
export function planConfiguration(plan: ModulePlan): any {
  const resource: Record<string, Record<string, any>> = {};
  for (const r of plan.resources) {
    const name = r.key === undefined ? r.name : `${r.name}[${JSON.stringify(r.key)}]`;
    resource[r.type] = { ...resource[r.type], [name]: r.body };
  }
  return { resource };
}

/** The instances `count` or `for_each` ask for, with the names they bind (`count.index`, `each.key`, `each.value`). */
function instances(config: any, scope: any): Array<{ key?: string | number; scope: object }> {
  if ('count' in config && 'for_each' in config) throw new Error('count and for_each cannot both be set');
  if ('count' in config) {
    const count = evaluateJson(config.count, scope);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new Error(`count is ${JSON.stringify(count)}`);
    return Array.from({ length: count }, (_, index) => ({ key: index, scope: { count: { index } } }));
  }
  if ('for_each' in config) {
    const each = evaluateJson(config.for_each, scope);
    // for_each takes a map or a set of strings; a list is refused ("must be a map, or set of strings").
    if (each instanceof TerraformSet && each.items.every(i => typeof i === 'string')) {
      return each.items.map(key => ({ key: key as string, scope: { each: { key, value: key } } }));
    }
    if (each !== null && typeof each === 'object' && !Array.isArray(each) && !(each instanceof TerraformSet)) {
      return Object.keys(each).sort().map(key => ({ key, scope: { each: { key, value: each[key] } } }));
    }
    throw new Error(`for_each must be a map, or set of strings, and got ${JSON.stringify(each)}`);
  }
  return [{ scope: {} }];
}

/** `local`: each evaluated when first read (locals may read each other), a cycle refused. */
function locals(declared: Record<string, unknown>, vars: Record<string, Value>): Record<string, Value> {
  const values: Record<string, Value> = {};
  const evaluating = new Set<string>();
  const local: Record<string, Value> = {};
  for (const name of Object.keys(declared)) {
    Object.defineProperty(local, name, {
      enumerable: true,
      get: () => {
        if (name in values) return values[name];
        if (evaluating.has(name)) throw new Error(`local.${name} refers to itself`);
        evaluating.add(name);
        values[name] = evaluateJson(declared[name], { var: vars, local });
        evaluating.delete(name);
        return values[name];
      },
    });
  }
  return local;
}

/** A variable's value converted to its type constraint: only the types the module declares. */
function typed(name: string, type: string, value: Value): Value {
  if (type === 'bool' && typeof value === 'boolean') return value;
  if (type === 'list(string)' && Array.isArray(value) && value.every(v => typeof v === 'string')) return [...value];
  throw new Error(`Invalid value for input variable "${name}": ${JSON.stringify(value)} is not a ${type}`);
}
