import { MATCHERS_INSTALLED_ON_IMPORT, installMatchers, netpolMatchers } from '../../lib/testing';

describe('installMatchers', () => {
  test('can extend the expect it is given', () => {
    const extend = jest.fn();
    installMatchers({ extend });
    expect(extend).toHaveBeenCalledWith(netpolMatchers);
    expect(Object.keys(netpolMatchers).sort()).toEqual(['toAllow', 'toChangeReachabilityOf', 'toDeny', 'toHaveReachability']);
  });

  test('throws if there is no expect to extend', () => {
    expect(() => installMatchers({} as any)).toThrow(/no jest expect found/);
  });

  test('can be done on import inside jest', () => {
    expect(MATCHERS_INSTALLED_ON_IMPORT).toBe(true);
    expect(typeof (expect as any).extend).toBe('function');
  });

  test('can be done by the setup module (setupFilesAfterEnv): it extends the global expect with every matcher', () => {
    const extend = jest.spyOn(expect, 'extend');
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../../lib/testing/setup');
      });
      // A fresh copy of the module, so its matchers are other function objects: compared by name.
      expect(extend).toHaveBeenCalledTimes(1);
      expect(Object.keys(extend.mock.calls[0][0]).sort()).toEqual(['toAllow', 'toChangeReachabilityOf', 'toDeny', 'toHaveReachability']);
    } finally {
      extend.mockRestore();
    }
  });
});
