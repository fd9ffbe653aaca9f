// Expected values follow Terraform's documented meta-arguments (developer.hashicorp.com/terraform/language/meta-arguments:
// count makes instances [0..n), for_each takes a map or a set of strings and keys instances by them) and input
// variables (a default unless given, a validation's error_message when its condition is false).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planConfiguration, planModule, readModule } from './terraform-module';

const MODULE = {
  variable: {
    on: { type: 'bool', default: false },
    names: {
      type: 'list(string)',
      default: ['b', 'a'],
      validation: [{ condition: '${length(var.names) < 3}', error_message: 'At most two names (TOO_MANY).' }],
    },
  },
  locals: { upper: '${local.names}', names: '${var.on ? sort(var.names) : []}' },
  resource: {
    kubernetes_manifest: { one: { count: '${var.on ? 1 : 0}', manifest: { name: 'x', list: '${local.upper}' } } },
    kubernetes_network_policy_v1: { each: { for_each: '${toset(local.names)}', metadata: { namespace: '${each.key}' } } },
  },
  output: { names: { value: '${local.names}' } },
};

describe('planModule', () => {
  test('can create nothing while the flag is off: count 0 and an empty for_each set', () => {
    expect(planModule(MODULE, {})).toEqual({ errors: [], resources: [], outputs: { names: [] } });
  });

  test('can create the instances count and for_each ask for, each with its key, locals read through locals', () => {
    const plan = planModule(MODULE, { on: true });
    expect(plan.resources).toEqual([
      { type: 'kubernetes_manifest', name: 'one', key: 0, body: { manifest: { name: 'x', list: ['a', 'b'] } } },
      { type: 'kubernetes_network_policy_v1', name: 'each', key: 'a', body: { metadata: { namespace: 'a' } } },
      { type: 'kubernetes_network_policy_v1', name: 'each', key: 'b', body: { metadata: { namespace: 'b' } } },
    ]);
    expect(planConfiguration(plan).resource.kubernetes_network_policy_v1).toEqual({
      'each["a"]': { metadata: { namespace: 'a' } }, 'each["b"]': { metadata: { namespace: 'b' } },
    });
  });

  test('reports the error_message of a failed validation, and plans nothing then', () => {
    expect(planModule(MODULE, { on: true, names: ['a', 'b', 'c'] })).toEqual({ errors: ['At most two names (TOO_MANY).'], resources: [], outputs: {} });
  });

  test('throws on an undeclared variable, a value of the wrong type, and a for_each over a list', () => {
    expect(() => planModule(MODULE, { other: 1 })).toThrow('An argument named "other" is not expected here');
    expect(() => planModule(MODULE, { on: 'yes' })).toThrow(/is not a bool/);
    const list = { ...MODULE, resource: { x: { y: { for_each: '${var.names}' } } } };
    expect(() => planModule(list, {})).toThrow(/for_each must be a map, or set of strings/);
  });
});

describe('readModule', () => {
  test('merges the *.tf.json files of a folder, skipping comments and the terraform block', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-module-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ '//': 'comment', 'terraform': {}, 'resource': MODULE.resource, 'locals': MODULE.locals }));
      fs.writeFileSync(path.join(dir, 'variables.tf.json'), JSON.stringify({ variable: MODULE.variable }));
      fs.writeFileSync(path.join(dir, 'outputs.tf.json'), JSON.stringify({ output: MODULE.output }));
      fs.writeFileSync(path.join(dir, 'README.md'), '# not read');
      expect(readModule(dir)).toEqual(MODULE);
      fs.writeFileSync(path.join(dir, 'extra.tf.json'), JSON.stringify({ provider: {} }));
      expect(() => readModule(dir)).toThrow('extra.tf.json: provider blocks are outside what this reader knows');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
