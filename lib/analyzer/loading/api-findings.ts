import { API_CODE_INFO } from './api-codes';
import { ApiFinding } from './api-screen';
import { originText } from './origin';
import { escapeControls } from './source-label';
import { Finding } from '../lints/finding';

/** An API check's finding as a lint finding: its code's severity and why, the place it was read at the end. */
export function lintFindingOf(finding: ApiFinding): Finding {
  const info = API_CODE_INFO[finding.code];
  return {
    code: finding.code,
    severity: info.severity,
    subject: finding.subject,
    ...(finding.field !== undefined ? { field: finding.field } : {}),
    message: escapeControls(`${finding.message} (${originText(finding.origin)})`),
    ...(finding.fix !== undefined ? { fix: escapeControls(finding.fix) } : {}),
    why: info.why,
  };
}
