import { Option } from 'commander';

/** `--lenient`: read manifests as an API server without strict field validation would. */
export function lenientOption(): Option {
  return new Option('--lenient', 'drop fields the kind does not have (one warning per object on stderr) instead of refusing the manifest; other API errors are still refused');
}
