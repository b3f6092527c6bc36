import { loadUnvotes } from './unvotes.ts';
import { buildVoteTable, packWindow, countsFromPacked, windowsByYear, windowMatrices } from '../../src/core/analytics/index.ts';
const d = loadUnvotes('/work/shared/data/unvotes');
const T = buildVoteTable(d.votes, d.rollCalls);
const W = windowsByYear(T);
const buf = new Uint32Array(200*200*15);
const res: Record<string, number[]> = {};
const rec = (k: string, f: () => void) => { const t0 = performance.now(); f(); (res[k] ??= []).push(performance.now() - t0); };
for (let r=0;r<20;r++){
 rec('count', () => { for (const w of W) countsFromPacked(T.parties, packWindow(T, w.items), buf); });
 rec('wm0', () => windowMatrices(T, [], W));
 rec('wm-agree', () => windowMatrices(T, ['agree'], W));
 rec('wm-kq', () => windowMatrices(T, ['kappa-quad'], W));
 rec('wm-both', () => windowMatrices(T, ['agree', 'kappa-quad'], W));
}
console.log(Object.entries(res).map(([k, v]) => `${k} ${Math.min(...v).toFixed(1)}`).join('  '));
