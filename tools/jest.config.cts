module.exports = {
  displayName: 'tools',
  preset: '../jest.node.preset.js',
  coverageDirectory: '../coverage/tools',
};
