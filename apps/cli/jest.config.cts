module.exports = {
  displayName: 'cli',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/apps/cli',
};
