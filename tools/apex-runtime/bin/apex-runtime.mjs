#!/usr/bin/env node
// Launcher: runs src/cli.ts through tsx's ESM loader, so `npx apex-runtime test <dir>` works without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = main(process.argv.slice(2));
