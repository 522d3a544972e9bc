module.exports = {
  displayName: 'testing',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/tools/testing',
};
