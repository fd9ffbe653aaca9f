import * as fs from 'fs';
import * as path from 'path';
import { expectBadInput, runCli } from './harness';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('cdk-netpol', () => {
  test.each([['--version'], ['-V']])('%s prints the package version', async flag => {
    expect(await runCli([flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('--help lists the commands, the exit codes and the engines', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toEqual('');
    for (const text of ['Usage: cdk-netpol [options] [command]', 'check [options] <MANIFEST...>', 'explain [options] <MANIFEST...>',
      'matrix [options] <MANIFEST...>', 'lint [options] <MANIFEST...>', 'aks [options]', '-V, --version', 'Exit codes:', '  70  internal error',
      'Engines (--engine): kubernetes']) {
      expect(result.stdout).toContain(text);
    }
  });

  test('help COMMAND is --help of the command', async () => {
    expect((await runCli(['help', 'check'])).stdout).toEqual((await runCli(['check', '--help'])).stdout);
  });

  test.each([
    ['check', ['Usage: cdk-netpol check [options] <MANIFEST...>', '--flows <FLOWS.json>', '--engine <engine>', 'FLOWS.json is a JSON array',
      '"expect"', 'Exit codes:', '  0   every flow', '  1   some "expect" did not match', '  2   bad input', '  70  internal error',
      'Example:', '$ cdk-netpol check --flows flows.json dist/']],
    ['explain', ['Usage: cdk-netpol explain [options] <MANIFEST...>', '--from <NS/NAME|IP>', '--to <NS/NAME|IP>', '--port <N>',
      '--protocol <PROTOCOL>', '(default: "TCP")', 'Exit codes:', '  0   the flow was evaluated', '  2   bad input', '  70  internal error',
      'Example:', '$ cdk-netpol explain --from shop/web --to shop/api --port 8080']],
    ['matrix', ['Usage: cdk-netpol matrix [options] <MANIFEST...>', '--format <format>', '"csv", "mermaid", "dot", default:', '--group',
      'mermaid  a flowchart', 'Exit codes:', '  2   bad input', '  70  internal error', 'Example:', '$ cdk-netpol matrix --format mermaid dist/']],
    ['lint', ['Usage: cdk-netpol lint [options] <MANIFEST...>', '--ack <CODE[=SUBJECT]:REASON>', '--format <format>', /NP_RULES_OUTSIDE_POLICY_TYPES +error +\S/, /NP_POD_NOT_ISOLATED +info +\S/,
      'Exit codes:', '  1   an error-level finding is not acknowledged', '  2   bad input', '  70  internal error', 'Example:', '$ cdk-netpol lint dist/']],
  ])('%s --help explains arguments, options, exit codes and gives an example', async (command, texts) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toEqual('');
    expect(result.stdout).toContain('MANIFEST');
    for (const text of texts) {
      if (typeof text === 'string') expect(result.stdout).toContain(text);
      else expect(result.stdout).toMatch(text);
    }
  });

  test('no command: help on stderr, exit 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual('');
    expect(result.stderr).toContain('Usage: cdk-netpol');
  });

  test('an unknown command', async () => {
    expectBadInput(await runCli(['analyse', 'cluster']), /^cdk-netpol: unknown command 'analyse'/);
  });

  test('an unknown option, with its suggestion on the same line', async () => {
    expectBadInput(await runCli(['matrix', '--fromat', 'json', 'cluster']), /^cdk-netpol: unknown option '--fromat' \(Did you mean --format\?\)\n$/);
  });
});
