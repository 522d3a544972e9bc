module.exports = {
  displayName: 'audit',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/libs/audit',
};
