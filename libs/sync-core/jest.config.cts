module.exports = {
  displayName: 'sync-core',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/libs/sync-core',
};
