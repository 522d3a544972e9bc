module.exports = {
  displayName: 'migrations',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/tools/migrations',
};
