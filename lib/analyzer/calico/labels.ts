import { namespaceLabelsOf } from '../peers';
import { Cluster, Endpoint, Labels } from '../types';

/** The label Calico gives every namespace (profile `kns.<name>`) and service account, for namespace and account selectors. */
export const CALICO_NAME_LABEL = 'projectcalico.org/name';
/** The labels Calico adds to every pod's workload endpoint (libcalico-go k8s conversion). */
export const CALICO_NAMESPACE_LABEL = 'projectcalico.org/namespace';
export const CALICO_ORCHESTRATOR_LABEL = 'projectcalico.org/orchestrator';
export const CALICO_SERVICE_ACCOUNT_LABEL = 'projectcalico.org/serviceaccount';

/** Labels of the cluster as Calico's selectors see them. Built once per evaluator; results are cached. */
export interface CalicoLabels {
  /** A namespace's labels plus `projectcalico.org/name`: what a `namespaceSelector` reads. */
  namespace(name: string): Labels;
  /**
   * A pod's labels plus Calico's own and those its namespace and service account profiles pass on (`pcns.<key>`,
   * `pcsa.<key>`, with `projectcalico.org/name` of each).
   */
  endpoint(e: Endpoint): Labels;
  /**
   * What a service account selector reads: the labels of the pod's ServiceAccount and `projectcalico.org/name` (its
   * name); an account no manifest declares has only its name.
   */
  serviceAccount(e: Endpoint): Labels;
}

/** Calico's view of the cluster's labels. */
export function calicoLabels(cluster: Cluster): CalicoLabels {
  const kubernetesLabels = namespaceLabelsOf(cluster);
  const namespaces = new Map<string, Labels>();
  const endpoints = new WeakMap<Endpoint, Labels>();
  const namespace = (name: string): Labels => {
    let labels = namespaces.get(name);
    if (labels === undefined) {
      labels = { ...kubernetesLabels(name), [CALICO_NAME_LABEL]: name };
      namespaces.set(name, labels);
    }
    return labels;
  };
  const accountOf = (e: Endpoint) => e.serviceAccount ?? 'default';
  const declared = new Map((cluster.serviceAccounts ?? []).map(a => [`${a.namespace}/${a.name}`, a.labels]));
  const accounts = new Map<string, Labels>();
  // libcalico-go ServiceAccountToProfile: the account's labels, then its name under projectcalico.org/name.
  const serviceAccount = (e: Endpoint): Labels => {
    const key = `${e.namespace}/${accountOf(e)}`;
    let labels = accounts.get(key);
    if (labels === undefined) {
      labels = { ...declared.get(key), [CALICO_NAME_LABEL]: accountOf(e) };
      accounts.set(key, labels);
    }
    return labels;
  };
  // The labels a pod inherits from its namespace's and its account's profiles, built once per namespace and account.
  const prefixed = (labels: Labels, prefix: string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const k of Object.keys(labels)) out[prefix + k] = labels[k];
    return out;
  };
  const inheritedByNamespace = new Map<string, Record<string, string>>();
  const inheritedByAccount = new Map<string, Record<string, string>>();
  const inheritedOf = (e: Endpoint): Record<string, string> => {
    const key = `${e.namespace}/${accountOf(e)}`;
    let found = inheritedByAccount.get(key);
    if (found === undefined) {
      let fromNamespace = inheritedByNamespace.get(e.namespace);
      if (fromNamespace === undefined) {
        fromNamespace = prefixed(namespace(e.namespace), 'pcns.');
        inheritedByNamespace.set(e.namespace, fromNamespace);
      }
      found = { ...fromNamespace, ...prefixed(serviceAccount(e), 'pcsa.') };
      inheritedByAccount.set(key, found);
    }
    return found;
  };
  return {
    namespace,
    serviceAccount,
    endpoint(e) {
      let labels = endpoints.get(e);
      if (labels === undefined) {
        labels = {
          ...inheritedOf(e),
          ...e.labels,
          [CALICO_NAMESPACE_LABEL]: e.namespace,
          [CALICO_ORCHESTRATOR_LABEL]: 'k8s',
          [CALICO_SERVICE_ACCOUNT_LABEL]: accountOf(e),
        };
        endpoints.set(e, labels);
      }
      return labels;
    },
  };
}
