// For jest's `setupFilesAfterEnv: ['cdk-netpol/testing/setup']`: every test file gets the matchers.
import { installMatchers } from './matchers';

installMatchers();
