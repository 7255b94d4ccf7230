/** A stand-in for `sst` in end-to-end tests: records its arguments and working directory next to the SST script. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const argv = process.argv.slice(2);
writeFileSync(resolve(process.cwd(), 'sst-run.json'), JSON.stringify({ argv, cwd: process.cwd() }, null, 2));
console.log(`sst stand-in: ${argv.join(' ')}`);
console.log('Simulation is complete, simulated time: 1 ms');
