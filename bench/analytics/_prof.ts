import { loadUnvotes } from './unvotes.ts';
import { buildVoteTable, windowsByYear, windowMatrices, allPairsMatrix } from '../../src/core/analytics/index.ts';
const d = loadUnvotes('/work/shared/data/unvotes');
const T = buildVoteTable(d.votes, d.rollCalls);
const W = windowsByYear(T);
const res: Record<string, number[]> = {};
const rec = (k: string, f: () => void) => { const t0 = performance.now(); f(); (res[k] ??= []).push(performance.now() - t0); };
for (let r=0;r<25;r++){
 rec('all-both', () => allPairsMatrix(T, ['agree', 'kappa-quad']));
 rec('wm-both', () => windowMatrices(T, ['agree', 'kappa-quad'], W));
}
console.log(Object.entries(res).map(([k, v]) => { v.sort((a,b)=>a-b); return `${k} min ${v[0].toFixed(1)} med ${v[v.length>>1].toFixed(1)}`; }).join('  '));
