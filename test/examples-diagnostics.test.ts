import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discoverExamples } from '../examples/synth-all';
import { Diagnostics } from '../lib';

// Every example is what we tell users to copy: none may leave a warning unanswered. The whole-app check runs on each
// (dead allows, egress without DNS, subjects that select nothing), and every acknowledgement must give its reason.

describe.each(discoverExamples())('example %s', name => {
  test('synthesizes with no unacknowledged warning, and every acknowledgement has a reason', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require(path.join(__dirname, '..', 'examples', name, 'main'));
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `cdk-netpol-${name}-`));
    const printed = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const app = example.createApp(outdir);
      app.synth();
      const diagnostics = Diagnostics.of(app);
      expect(diagnostics.filter(d => d.acknowledged === undefined).map(d => `${d.code} ${d.path}`)).toEqual([]);
      for (const d of diagnostics) expect(d.acknowledged!.trim().length).toBeGreaterThan(10);
      expect(printed.mock.calls.map(c => String(c[0])).filter(line => line.startsWith('[cdk-netpol] warning'))).toEqual([]);
    } finally {
      printed.mockRestore();
    }
  });
});
