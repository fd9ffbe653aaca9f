#!/usr/bin/env node
// The `cdk-netpol` binary. Not exported from index.ts: its API is the command line.
import { main } from './main';

export { main };
export type { CliIo } from './io';

if (require.main === module) {
  // A reader that stops early (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', error => {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  void main(process.argv.slice(2)).then(code => { process.exitCode = code; }, () => { process.exitCode = 70; });
}
