module.exports = {
  displayName: 'demo',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/libs/demo',
};
