// The expected values are Terraform's own, written out from its documentation (developer.hashicorp.com/terraform/language):
// the examples of each function's page, and the rules of "Strings and Templates", "Conditional Expressions",
// "for Expressions" and "Operators".
import { EvaluationError, TerraformSet, evaluateJson, evaluateTemplate } from './terraform-expression';

const scope = {
  var: { name: 'Juan', list: ['a', '', 'b'], enabled: true, disabled: false, empty: [] },
  local: { exempt: ['kube-system', 'ingress-nginx'] },
  each: { key: 'team-a', value: 'team-a' },
};
const $ = (text: string) => evaluateTemplate(text, scope);

describe('templates', () => {
  test('can interpolate into a string, converting numbers and bools', () => {
    expect($('Hello, ${var.name}!')).toBe('Hello, Juan!');
    expect($('n=${1} on=${var.enabled}')).toBe('n=1 on=true');
    expect($('plain text')).toBe('plain text');
    expect($('')).toBe('');
  });

  test('can give the value itself for a template of one interpolation (unwrapping)', () => {
    expect($('${var.list}')).toEqual(['a', '', 'b']);
    expect($('${var.enabled}')).toBe(true);
    expect($('${1}')).toBe(1);
  });

  test('can escape the interpolation and directive sequences as $${ and %%{', () => {
    expect($('$${var.name}')).toBe('${var.name}');
    expect($('%%{ if x }')).toBe('%{ if x }');
    expect($('100% $ {')).toBe('100% $ {');
  });

  test('can nest quoted templates, with their escapes, inside an interpolation', () => {
    expect($('${"in ${each.key}"}')).toBe('in team-a');
    expect($('${"say \\"hi\\"\\n"}')).toBe('say "hi"\n');
  });

  test('throws when a list is included in a string with other text', () => {
    expect(() => $('x ${var.list}')).toThrow(EvaluationError);
  });

  test('throws on what is outside the subset: directives, index and splat expressions', () => {
    expect(() => $('%{ if var.enabled }x%{ endif }')).toThrow(/directives/);
    expect(() => $('${var.list[0]}')).toThrow(/outside the subset/);
    expect(() => $('${upper(var.name)}')).toThrow(/function upper is outside the subset/);
  });

  test('throws on an unknown name', () => {
    expect(() => $('${var.nope}')).toThrow(/unsupported attribute nope/);
    expect(() => $('${nope.x}')).toThrow(/unknown name nope/);
  });
});

describe('operators and conditionals', () => {
  test('can choose with a conditional', () => {
    expect($('${var.enabled ? 1 : 0}')).toBe(1);
    expect($('${var.disabled ? 1 : 0}')).toBe(0);
    // The documentation's example: var.a != "" ? var.a : "default-a".
    expect($('${var.name != "" ? var.name : "default-a"}')).toBe('Juan');
  });

  test('can apply !, &&, || with ! binding tightest and && before ||', () => {
    expect($('${!var.enabled || length(var.empty) > 0}')).toBe(false);
    expect($('${!var.disabled || length(var.empty) > 0}')).toBe(true);
    expect($('${true || false && false}')).toBe(true);
    expect($('${(true || false) && false}')).toBe(false);
  });

  test('can compare: == is false across types, numbers order', () => {
    expect($('${1 == "1"}')).toBe(false);
    expect($('${"a" == "a"}')).toBe(true);
    expect($('${length("hello") <= 63}')).toBe(true);
    expect($('${64 <= 63}')).toBe(false);
  });

  test('throws when a condition is not a bool', () => {
    expect(() => $('${var.name ? 1 : 0}')).toThrow(EvaluationError);
    expect(() => $('${!var.name}')).toThrow(EvaluationError);
  });
});

describe('for expressions', () => {
  test('can map a list, and filter it with if', () => {
    expect($('${[for s in var.list : length(s)]}')).toEqual([1, 0, 1]);
    // The documentation's example: [for s in var.list : upper(s) if s != ""], without upper.
    expect($('${[for s in var.list : s if s != ""]}')).toEqual(['a', 'b']);
    expect($('${[for i, s in var.list : i]}')).toEqual([0, 1, 2]);
  });
});

describe('functions', () => {
  test('join', () => {
    expect($('${join("-", ["foo", "bar", "baz"])}')).toBe('foo-bar-baz');
    expect($('${join(", ", ["foo", "bar", "baz"])}')).toBe('foo, bar, baz');
    expect($('${join(", ", ["foo"])}')).toBe('foo');
  });

  test('formatlist', () => {
    expect($('${formatlist("Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"])}'))
      .toEqual(['Hello, Valentina!', 'Hello, Ander!', 'Hello, Olivia!', 'Hello, Sam!']);
    expect($('${formatlist("%s, %s!", "Salutations", ["Valentina", "Ander", "Olivia", "Sam"])}'))
      .toEqual(['Salutations, Valentina!', 'Salutations, Ander!', 'Salutations, Olivia!', 'Salutations, Sam!']);
    expect($('${formatlist("\'%s\'", [])}')).toEqual([]);
    expect(() => $('${formatlist("%s %s", ["a"], ["b", "c"])}')).toThrow(EvaluationError);
  });

  test('join of formatlist: a Calico set of quoted namespaces', () => {
    expect($('{${join(", ", formatlist("\'%s\'", local.exempt))}}')).toBe("{'kube-system', 'ingress-nginx'}");
  });

  test('sort, distinct, concat', () => {
    expect($('${sort(["e", "d", "a", "x"])}')).toEqual(['a', 'd', 'e', 'x']);
    expect($('${distinct(["a", "b", "a", "c", "d", "b"])}')).toEqual(['a', 'b', 'c', 'd']);
    expect($('${sort(distinct(["kube-system", "b", "kube-system", "a-b", "a"]))}')).toEqual(['a', 'a-b', 'b', 'kube-system']);
    expect($('${concat(["a", ""], ["b", "c"])}')).toEqual(['a', '', 'b', 'c']);
  });

  test('toset and setintersection: distinct elements, strings in lexicographic order', () => {
    expect($('${toset(["c", "b", "b"])}')).toEqual(new TerraformSet(['b', 'c']));
    expect(($('${toset(["c", "b", "b"])}') as TerraformSet).items).toEqual(['b', 'c']);
    expect($('${setintersection(["a", "b"], ["b", "c"], ["b", "d"])}')).toEqual(new TerraformSet(['b']));
    expect($('${length(setintersection(["a", "b"], ["c"]))}')).toBe(0);
  });

  test('contains and length', () => {
    expect($('${contains(["a", "b", "c"], "a")}')).toBe(true);
    expect($('${contains(["a", "b", "c"], "d")}')).toBe(false);
    expect($('${length([])}')).toBe(0);
    expect($('${length(["a", "b"])}')).toBe(2);
    expect($('${length("hello")}')).toBe(5);
  });

  test('alltrue: bools or their strings, true for an empty list', () => {
    expect($('${alltrue(["true", true])}')).toBe(true);
    expect($('${alltrue([true, false])}')).toBe(false);
    expect($('${alltrue([])}')).toBe(true);
  });

  test('regex: the match, or its captures; an error when nothing matches', () => {
    expect($('${regex("[a-z]+", "53453453.345345aaabbbccc23454")}')).toBe('aaabbbccc');
    expect($('${regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")}')).toEqual(['2019', '02', '01']);
    expect(() => $('${regex("[a-z]+", "123")}')).toThrow(EvaluationError);
  });

  test('can: true when its argument evaluates, false when it fails', () => {
    expect($('${can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "team-a"))}')).toBe(true);
    expect($('${can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "Team_A"))}')).toBe(false);
    expect($('${[for ns in ["ok", "-bad", "also-ok"] : can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", ns))]}')).toEqual([true, false, true]);
  });
});

describe('evaluateJson', () => {
  test('evaluates every string of a JSON value as a template, keeping keys and other values', () => {
    expect(evaluateJson({ 'namespace': '${each.key}', 'k8s:io.x': ['${local.exempt}', 53, true, null], 'nested': { port: '53' } }, scope))
      .toEqual({ 'namespace': 'team-a', 'k8s:io.x': [['kube-system', 'ingress-nginx'], 53, true, null], 'nested': { port: '53' } });
  });
});
