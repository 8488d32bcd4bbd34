// The repo's esbuild transform, with React's automatic JSX runtime for .tsx (the preset compiles
// server code and leaves JSX on the classic runtime). The pragma shares line 1, so lines keep their numbers.
const preset = require('@jc/jest-preset/esbuild-transform.js');

const PRAGMA = '/* @jsxRuntime automatic */ ';

module.exports = {
  process(source, filename, options) {
    return preset.process(filename.endsWith('.tsx') ? PRAGMA + source : source, filename, options);
  },
  getCacheKey(source, filename, options) {
    return preset.getCacheKey(`${source}\0automatic-jsx`, filename, options);
  },
};
