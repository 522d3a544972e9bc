module.exports = {
  displayName: 'migrations',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/libs/migrations',
};
