import { manifestError, podYaml } from './support';
import { readManifests } from '../../../lib/analyzer/load';

let stdin = '';
let offset = 0;
// Standard input is read from fd 0 in chunks; this serves `stdin` in chunks of at most 16 bytes.
jest.mock('fs', () => {
  const actual = jest.requireActual('fs');
  return {
    ...actual,
    readSync: (fd: any, buffer: Buffer, ...rest: any[]) => {
      if (fd !== 0) return actual.readSync(fd, buffer, ...rest);
      const bytes = Buffer.from(stdin).subarray(offset, offset + 16);
      bytes.copy(buffer);
      offset += bytes.length;
      return bytes.length;
    },
  };
});

beforeEach(() => {
  offset = 0;
});

describe('readManifests', () => {
  test('can read standard input as "-", once, without its byte order mark', () => {
    stdin = `\ufeff${podYaml('from-stdin')}`;
    expect(readManifests(['-', '-'])).toEqual([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'from-stdin' } }]);
  });

  test('throws if standard input is over the byte limit, naming it <stdin>', () => {
    stdin = podYaml('from-stdin');
    const error = manifestError(() => readManifests(['-'], { maxBytes: 8 }));
    expect(error.message).toBe('<stdin>: too large (16 bytes; the limit is 8 bytes)');
    expect(error.source).toBe('<stdin>');
  });
});
