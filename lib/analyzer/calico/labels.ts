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
  return {
    namespace,
    serviceAccount,
    endpoint(e) {
      let labels = endpoints.get(e);
      if (labels === undefined) {
        const inherited: Record<string, string> = {};
        for (const [k, v] of Object.entries(namespace(e.namespace))) inherited[`pcns.${k}`] = v;
        for (const [k, v] of Object.entries(serviceAccount(e))) inherited[`pcsa.${k}`] = v;
        labels = {
          ...inherited,
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
