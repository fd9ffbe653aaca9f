import { runCli } from './harness';

// A bug deep in the analyzer must surface as one line and exit 70, never as a stack trace.
jest.mock('../../lib/analyzer/matrix', () => ({
  ...jest.requireActual('../../lib/analyzer/matrix'),
  computeMatrix: () => { throw new TypeError('boom\n    at computeMatrix (matrix.ts:1:1)'); },
}));

test('an internal error: one line, exit 70', async () => {
  const result = await runCli(['matrix', 'cluster']);
  expect(result).toEqual({
    code: 70,
    stdout: '',
    stderr: 'cdk-netpol: internal error: TypeError: boom (a bug in cdk-netpol; please report it)\n',
  });
});
