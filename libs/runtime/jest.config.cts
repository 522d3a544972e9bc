module.exports = {
  displayName: 'runtime',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/libs/runtime',
};
