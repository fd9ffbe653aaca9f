// For jest's `setupFilesAfterEnv: ['cdk-netpol/build/testing/setup']`: every test file gets the matchers.
import { installMatchers } from './install';

installMatchers();
