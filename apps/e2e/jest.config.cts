// Browser tests of the console against the real API on real PostgreSQL
// databases. Named *.e2e.ts (not *.spec.ts) so that `nx test` of the other
// projects never picks them up; they run through `nx e2e e2e` only.
module.exports = {
  displayName: 'e2e',
  preset: '../../jest.node.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  // A real browser, a real comparison of 5,000 records: minutes, not seconds, on 2 cores.
  testTimeout: 180_000,
  coverageDirectory: '../../coverage/apps/e2e',
};
