module.exports = {
  displayName: 'report-store',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/libs/report-store',
};
