module.exports = {
  displayName: 'db-errors',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/libs/db-errors',
};
