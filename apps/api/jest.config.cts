module.exports = {
  displayName: 'api',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/apps/api',
};
