import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns, AllowFlow, DefaultDeny, Port, Selector, Subject } from '../../lib';

/** The team namespaces. */
export const TEAMS = ['org-1', 'org-2'];
/** The port of org-2's api that org-1 may call. */
export const ORG2_API_PORT = Port.tcp(8080);

/** One team's namespace: closed to the outside, open inside, DNS allowed. */
class TeamNamespace extends Chart {
  public constructor(scope: Construct, namespaceName: string) {
    super(scope, namespaceName, { namespace: namespaceName });
    new DefaultDeny(this, 'DefaultDeny');
    new AllowDns(this, 'Dns');
    // Default deny isolates both directions, so talking inside the namespace needs egress and ingress.
    new AllowFlow(this, 'SameNamespace', {
      source: Subject.allPods(),
      destination: Subject.allPods(),
      ports: [Port.allPorts()],
    });
  }
}

/** Builds the example app; `synth()` writes one YAML file per team and one for the cross-team flow. */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'team-namespaces')): App {
  const app = new App({ outdir });
  for (const team of TEAMS) new TeamNamespace(app, team);

  // One direction only: nothing allows org-2 to open connections into org-1 (replies are not new connections).
  const crossTeam = new Chart(app, 'cross-team');
  new AllowFlow(crossTeam, 'Org1ToOrg2Api', {
    source: Subject.allPods('org-1'),
    destination: Subject.pods(Selector.labels({ app: 'api' }), 'org-2'),
    ports: [ORG2_API_PORT],
  });

  return app;
}

if (require.main === module) {
  createApp().synth();
}
