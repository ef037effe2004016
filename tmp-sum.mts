import { readdirSync } from 'node:fs';
import { summariseProfile } from './bench/cpu-profile.js';
const f = readdirSync('/tmp/ab/prof')[0];
const s = summariseProfile('/tmp/ab/prof/' + f, 30);
console.log('busy', s.busyMs.toFixed(0), 'total', s.totalMs.toFixed(0));
for (const p of s.packages.slice(0, 12)) console.log(p.name, (p.share*100).toFixed(1));
for (const p of s.functions.slice(0, 25)) console.log(p.name, (p.share*100).toFixed(1));
for (const p of s.newsdeskInclusive.slice(0, 15)) console.log('incl', p.name, (p.share*100).toFixed(1));
