module.exports = {
  rootDir: '../..',
  testMatch: ['<rootDir>/src/**/__tests__/**/*.js', '<rootDir>/packages/*/src/**/*.test.js'],
};
