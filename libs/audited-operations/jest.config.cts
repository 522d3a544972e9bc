module.exports = {
  displayName: 'audited-operations',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/libs/audited-operations',
};
