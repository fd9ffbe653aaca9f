/** Paths of the L7 parts of a rendered Cilium policy: `toFQDNs`, and `rules` under `toPorts`. */
export function l7Fields(manifest: any, path: string = ''): string[] {
  if (Array.isArray(manifest)) return manifest.flatMap((item, i) => l7Fields(item, `${path}[${i}]`));
  if (manifest === null || typeof manifest !== 'object') return [];
  return Object.entries(manifest).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    return key === 'toFQDNs' || key === 'rules' ? [at] : l7Fields(value, at);
  });
}
