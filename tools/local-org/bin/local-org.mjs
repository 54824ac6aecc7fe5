#!/usr/bin/env node
// `npm start`: the local org (Partner Center emulator + the package's Apex in the local runtime + the co-sell card
// and setup page in the LWC preview, proxied to the real Apex controllers). TypeScript sources run through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
