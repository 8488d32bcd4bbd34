module.exports = { preset: '@jc/jest-preset' };
