#!/usr/bin/env node
// Starts the Partner Center emulator. The sources are TypeScript, loaded through tsx's ESM loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
