import { App, Chart, Testing } from 'cdk8s';
import { NetpolErrors } from '../../lib';

/** A chart in its own App, with a namespace. */
export function chartIn(namespace = 'prod'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

/** Every NetworkPolicy manifest of a chart, in the order synthesized. */
export function policiesOf(chart: Chart): any[] {
  return Testing.synth(chart).filter((o: any) => o.kind === 'NetworkPolicy');
}

/** The single NetworkPolicy of a chart named `name`. */
export function policyNamed(chart: Chart, name: string): any {
  const found = policiesOf(chart).filter(p => p.metadata.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one policy named ${name}, found ${found.length} among ${policiesOf(chart).map(p => p.metadata.name).join(', ')}`);
  }
  return found[0];
}

/** Runs `fn`, expecting a cdk-netpol error; returns it for further assertions. */
export function netpolError(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    if (!NetpolErrors.isNetpolError(e)) throw e;
    return e;
  }
  throw new Error('expected a cdk-netpol error, but nothing was thrown');
}

/** Every NetworkPolicy of every chart of an app. */
export function appPolicies(app: App): any[] {
  return app.charts.flatMap(c => policiesOf(c));
}
