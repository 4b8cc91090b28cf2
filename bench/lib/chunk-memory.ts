// Child process of `refresh-large`: plans one refresh chunk (its engine input read from a JSON
// file the parent wrote) in this process, started with the heap capped like a Worker's 128 MB,
// and prints its peak RSS and heap as JSON. What one chunk invocation holds, measured where it
// can be: local workerd reports memory only for all its invocations together.
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { planTenant } from '../../worker/domain/plan';
import type { PlanInput } from '../../worker/domain/plan-types';

const [file, asOf] = process.argv.slice(2);
const input = JSON.parse(readFileSync(file, 'utf8')) as PlanInput;
const t = performance.now();
const plan = planTenant(input, asOf);
const seconds = (performance.now() - t) / 1000;
const heap = getHeapStatistics();
console.log(
  JSON.stringify({
    skus: plan.skus.length,
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: heap.used_heap_size / 1024 / 1024,
    heapLimitMb: heap.heap_size_limit / 1024 / 1024,
  }),
);
