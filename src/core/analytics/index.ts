/**
 * Concord alignment analytics: the public API of the pure (I/O-free) measure engine.
 *
 * - measures.ts  — METHODS and the dyadic measures (agree, State Dept. ×3 + votes+consensus,
 *                  Voeten, Signorino–Ritter S, Häge κ/π), all from one 15-slot joint-count record
 * - table.ts     — the party × item vote table, buildVoteTable (UN rows), windows
 * - matrix.ts    — all-pairs matrices by bit-vector popcounts, per window
 * - trend.ts     — per-window series, least-squares slope, converging/diverging/stable
 * - labels.ts    — working-group label scales, Landis & Koch
 * - polis.ts     — group-aware consensus, repness, bridging between two sides
 */
export * from './types.ts';
export * from './measures.ts';
export * from './table.ts';
export * from './matrix.ts';
export * from './trend.ts';
export * from './labels.ts';
export * from './polis.ts';
