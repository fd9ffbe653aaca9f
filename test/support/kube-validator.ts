/**
 * An independent validator of rendered manifests, for tests only.
 *
 * It checks a manifest the way the API server (and, for Cilium, the agent) would, without trusting anything in lib/:
 * (a) strict structural validation against the official schema of the kind (`../shared/schemas`),
 *     closed like `kubectl apply --validate=strict` (unknown fields are errors): the OpenAPI v3
 *     document for built-in kinds, the CRD's `openAPIV3Schema` for Calico and network-policy-api kinds,
 *     the datreeio JSON schema for Cilium; see validators/openapi.ts and validators/sources.ts;
 * (b) the rules the schema does not carry: apimachinery and k8s `pkg/apis/networking/validation`,
 *     the CEL rules of the CRDs (validators/cel.ts lists every one), and the cheap, certain checks of
 *     libcalico-go and the Cilium agent (one file per engine under validators/).
 *
 * Messages follow the API server's `field.Error` wording: `<path>: Invalid value: <value>: <detail>`.
 */
import * as fs from 'fs';
import { ValidateFunction } from 'ajv';
import { adminNetworkPolicyRules } from './validators/admin-network-policy';
import { schemaViolations } from './validators/ajv';
import { calicoGlobalNetworkPolicyRules, calicoNetworkPolicyRules, calicoTierRules } from './validators/calico';
import { ciliumRules } from './validators/cilium';
import { show } from './validators/errors';
import { networkPolicyRules } from './validators/networking-v1';
import { DEFAULT_SCHEMA_DIR, schemaDir } from './validators/schema-dir';
import { compiledSchema, SchemaSource } from './validators/sources';

export { DEFAULT_SCHEMA_DIR, findSchemaDir, schemaDir } from './validators/schema-dir';
export { NETWORKING_V1_OPENAPI, compileMillis } from './validators/sources';
export { closedDefinitions, convertSchema } from './validators/openapi';

/**
 * Registers `register()`'s tests when the schema folder is present; otherwise registers one test that
 * says why validation is skipped and proves the folder is really absent.
 */
export function registerIfSchemas(register: (dir: string) => void): void {
  const dir = schemaDir();
  if (dir !== undefined) {
    register(dir);
    return;
  }
  test('schema folder absent: validation skipped', () => {
    console.warn(`kube-validator: ${DEFAULT_SCHEMA_DIR} is absent, so manifests are not validated (set CI=true to make this an error)`);
    expect(fs.existsSync(DEFAULT_SCHEMA_DIR)).toBe(false);
  });
}

/** True when `validateManifest` knows the kind of `obj` (it fails closed on any other). */
export function hasSchema(obj: any): boolean {
  return typeof obj === 'object' && obj !== null && `${obj.apiVersion}/${obj.kind}` in KINDS;
}

/** The `apiVersion/kind` pairs `validateManifest` knows. */
export function knownKinds(): string[] {
  return Object.keys(KINDS);
}

/**
 * The violations of one manifest object, as human-readable strings; empty means valid.
 * An object of an unknown kind is a violation ("no schema for ..."), never a pass.
 * Throws if the schema folder is absent.
 */
export function validateManifest(obj: any): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return [`<root>: Invalid value: ${show(obj)}: a manifest must be an object`];
  }
  const kind = KINDS[`${obj.apiVersion}/${obj.kind}`];
  if (!kind) return [`no schema for ${obj.apiVersion}/${obj.kind}`];
  return [...schemaViolations(schemaOf(kind), obj), ...kind.rules(obj)];
}

/** The compiled schema of every known kind (to time or warm them). */
export function compileAll(): void {
  for (const kind of Object.values(KINDS)) schemaOf(kind);
}

interface Kind {
  readonly schema: SchemaSource;
  readonly rules: (obj: any) => string[];
}

function schemaOf(kind: Kind): ValidateFunction {
  return compiledSchema(kind.schema);
}

const CALICO_V3 = 'calico/v3.32.1/api/config/crd';
const CALICO_V1 = 'calico/v3.32.1/libcalico-go/config/crd';
const NPAPI_V1ALPHA1 = 'network-policy-api/v0.1.8/config/crd/standard';
const NPAPI_V1ALPHA2 = 'network-policy-api/v0.2.0/config/crd/standard';
const CILIUM = 'datreeio-crds-catalog/cilium.io';
// The root of the datreeio schemas, closed by the converter (openapi2jsonschema leaves it open).
const CILIUM_ROOT = ['apiVersion', 'kind', 'metadata', 'spec', 'specs', 'status'];

function crd(file: string, group: string, version: string, kind: string, namespaced: boolean): SchemaSource {
  return { crd: file, group, version, kind, namespaced };
}

const KINDS: { [apiVersionKind: string]: Kind } = {
  'networking.k8s.io/v1/NetworkPolicy': {
    schema: { builtin: 'io.k8s.api.networking.v1.NetworkPolicy' },
    rules: networkPolicyRules,
  },
  'projectcalico.org/v3/NetworkPolicy': {
    schema: crd(`${CALICO_V3}/projectcalico.org_networkpolicies.yaml`, 'projectcalico.org', 'v3', 'NetworkPolicy', true),
    rules: calicoNetworkPolicyRules('projectcalico.org/v3'),
  },
  'projectcalico.org/v3/GlobalNetworkPolicy': {
    schema: crd(`${CALICO_V3}/projectcalico.org_globalnetworkpolicies.yaml`, 'projectcalico.org', 'v3', 'GlobalNetworkPolicy', false),
    rules: calicoGlobalNetworkPolicyRules('projectcalico.org/v3'),
  },
  'projectcalico.org/v3/Tier': {
    schema: crd(`${CALICO_V3}/projectcalico.org_tiers.yaml`, 'projectcalico.org', 'v3', 'Tier', false),
    rules: calicoTierRules,
  },
  'crd.projectcalico.org/v1/NetworkPolicy': {
    schema: crd(`${CALICO_V1}/crd.projectcalico.org_networkpolicies.yaml`, 'crd.projectcalico.org', 'v1', 'NetworkPolicy', true),
    rules: calicoNetworkPolicyRules('crd.projectcalico.org/v1'),
  },
  'crd.projectcalico.org/v1/GlobalNetworkPolicy': {
    schema: crd(`${CALICO_V1}/crd.projectcalico.org_globalnetworkpolicies.yaml`, 'crd.projectcalico.org', 'v1', 'GlobalNetworkPolicy', false),
    rules: calicoGlobalNetworkPolicyRules('crd.projectcalico.org/v1'),
  },
  'crd.projectcalico.org/v1/Tier': {
    schema: crd(`${CALICO_V1}/crd.projectcalico.org_tiers.yaml`, 'crd.projectcalico.org', 'v1', 'Tier', false),
    rules: calicoTierRules,
  },
  'cilium.io/v2/CiliumNetworkPolicy': {
    schema: { jsonSchema: `${CILIUM}/ciliumnetworkpolicy_v2.json`, rootProperties: CILIUM_ROOT },
    rules: ciliumRules(false),
  },
  'cilium.io/v2/CiliumClusterwideNetworkPolicy': {
    schema: { jsonSchema: `${CILIUM}/ciliumclusterwidenetworkpolicy_v2.json`, rootProperties: CILIUM_ROOT },
    rules: ciliumRules(true),
  },
  'policy.networking.k8s.io/v1alpha1/AdminNetworkPolicy': {
    schema: crd(`${NPAPI_V1ALPHA1}/policy.networking.k8s.io_adminnetworkpolicies.yaml`, 'policy.networking.k8s.io', 'v1alpha1', 'AdminNetworkPolicy', false),
    rules: adminNetworkPolicyRules('AdminNetworkPolicy'),
  },
  'policy.networking.k8s.io/v1alpha1/BaselineAdminNetworkPolicy': {
    schema: crd(`${NPAPI_V1ALPHA1}/policy.networking.k8s.io_baselineadminnetworkpolicies.yaml`, 'policy.networking.k8s.io', 'v1alpha1', 'BaselineAdminNetworkPolicy', false),
    rules: adminNetworkPolicyRules('BaselineAdminNetworkPolicy'),
  },
  'policy.networking.k8s.io/v1alpha2/ClusterNetworkPolicy': {
    schema: crd(`${NPAPI_V1ALPHA2}/policy.networking.k8s.io_clusternetworkpolicies.yaml`, 'policy.networking.k8s.io', 'v1alpha2', 'ClusterNetworkPolicy', false),
    rules: adminNetworkPolicyRules('ClusterNetworkPolicy'),
  },
};
