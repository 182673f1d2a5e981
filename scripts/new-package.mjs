#!/usr/bin/env node
// Creates the skeleton of a workspace package: node scripts/new-package.mjs <folder> "<description>" [--node]
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [folder, description = '', ...flags] = process.argv.slice(2);
if (!folder) {
  console.error('usage: new-package.mjs <folder> "<description>" [--node]');
  process.exit(2);
}
const dir = join('packages', folder);
if (existsSync(dir)) {
  console.error(`${dir} exists`);
  process.exit(1);
}
const node = flags.includes('--node');
mkdirSync(join(dir, 'src'), { recursive: true });
const pkg = {
  name: `@interlingua/${folder}`,
  version: '0.0.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20' },
  repository: { type: 'git', url: 'git+https://github.com/interlingua/interlingua.git', directory: `packages/${folder}` },
  exports: {
    '.': {
      '@interlingua/source': './src/index.ts',
      types: './dist/index.d.ts',
      import: './dist/index.js',
      default: './dist/index.js',
    },
    './package.json': './package.json',
  },
  main: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', '!dist/**/*.test.*', 'README.md'],
  scripts: {
    build: 'tsc -p tsconfig.build.json',
    typecheck: 'tsc --noEmit -p tsconfig.json',
    test: 'vitest run',
  },
  dependencies: {},
  devDependencies: {},
};
writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: { noEmit: true, ...(node ? { types: ['node'] } : {}) },
      include: ['src', 'test'],
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  join(dir, 'tsconfig.build.json'),
  JSON.stringify(
    {
      extends: './tsconfig.json',
      compilerOptions: { noEmit: false, rootDir: 'src', outDir: 'dist', customConditions: [] },
      include: ['src'],
      exclude: ['src/**/*.test.ts', 'src/**/*.test-d.ts', 'src/**/*.bench.ts'],
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(join(dir, 'vitest.config.ts'), "export { default } from '../../vitest.shared.ts';\n");
writeFileSync(join(dir, 'src', 'index.ts'), 'export {};\n');
writeFileSync(join(dir, 'README.md'), `# @interlingua/${folder}\n\n${description}\n`);
console.log(`created ${dir}`);
