import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { AllowDns, AllowTo, DefaultDeny, Diagnostics, ErrorCode, Port, Selector, Subject } from '../../../lib';

// cdktf validates each stack when it synthesizes, not its App: the check runs there, over every stack of the App.

function oneSidedApp(): { app: App; web: TerraformStack } {
  const app = Testing.app();
  const web = new TerraformStack(app, 'web');
  new KubernetesProvider(web, 'k8s', {});
  new DefaultDeny(web, 'Deny', { namespaceName: 'web' });
  new AllowDns(web, 'Dns', { namespaceName: 'web' });
  new AllowTo(web, 'WebToApi', {
    subject: Subject.pods(Selector.labels({ app: 'web' }), 'web'),
    peers: [Subject.pods(Selector.labels({ app: 'api' }), 'api').asPeer('web')],
    ports: [Port.tcp(8080)],
  });
  const api = new TerraformStack(app, 'api');
  new KubernetesProvider(api, 'k8s', {});
  new DefaultDeny(api, 'Deny', { namespaceName: 'api' });
  new AllowDns(api, 'Dns', { namespaceName: 'api' });
  return { app, web };
}

describe('whole-app check in a cdktf App', () => {
  test('warns ALLOW_BLOCKED for a flow opened in one stack and isolated in another', () => {
    const { app } = oneSidedApp();
    expect(Diagnostics.of(app).filter(d => d.code === ErrorCode.ALLOW_BLOCKED).map(d => d.path)).toEqual(['web/WebToApi']);
  });

  test('prints the warning when a stack synthesizes with validation', () => {
    const { web } = oneSidedApp();
    const printed = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      Testing.synth(web, true);
      expect(printed.mock.calls.map(c => String(c[0])).filter(l => l.includes('[ALLOW_BLOCKED] web/WebToApi'))).toHaveLength(1);
    } finally {
      printed.mockRestore();
    }
  });
});
