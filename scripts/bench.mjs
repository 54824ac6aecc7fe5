#!/usr/bin/env node
// `npm run bench`: prints the local org's figures (webhook latency, bulk limits, backfill, webhook burst, runtime
// test throughput). Never asserts timings. The measurements live in tools/local-org/src/bench.ts (TypeScript, via tsx).
import { register } from 'tsx/esm/api';

register();
const { runBench } = await import('../tools/local-org/src/bench.ts');
await runBench();
