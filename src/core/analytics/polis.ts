/**
 * Polis-style group-aware consensus and representativeness, with parties (or sides) as the
 * groups, and a two-sided `bridging` ranking of items.
 *
 * Source: compdemocracy/polis, math/src/polismath/math/{conversation,repness,stats}.clj, as
 * summarised in analytics-methods.md §1.6. Polis forms groups by PCA + k-means over participants;
 * in Concord the groups are given (the parties or the two sides of a working group), so only the
 * per-group statistics are ported. Polis codes agree = −1 internally; here counts are explicit
 * (agree, disagree, seen), so there is no sign to get wrong.
 *
 * Pure module: no I/O.
 */
import type { VoteTable } from './table.ts';

/** Per (group, item) counts: A agrees, D disagrees, S seen (= A + D + passes). */
export interface GroupVotes {
  agree: number;
  disagree: number;
  seen: number;
}

/** One-sided 90 % z threshold used by Polis for every significance test. */
export const Z_90 = 1.2816;

function checkGroup(g: GroupVotes): void {
  if (!(g.agree >= 0 && g.disagree >= 0 && g.agree + g.disagree <= g.seen)) {
    throw new RangeError(`invalid group counts: agree ${g.agree}, disagree ${g.disagree}, seen ${g.seen}`);
  }
}

/** Group-aware consensus of one item (`conversation.clj` :group-aware-consensus). */
export interface GroupAwareConsensus {
  /** GAC = Π_g (A_g + 1)/(S_g + 2): Laplace-smoothed probability that every group agrees. */
  agree: number;
  /** The disagree analogue Π_g (D_g + 1)/(S_g + 2). */
  disagree: number;
  /** agree^(1/G): geometric mean, comparable across different numbers of groups. */
  agreeNormalised: number;
  /** disagree^(1/G). */
  disagreeNormalised: number;
  groups: number;
}

/**
 * Group-aware consensus. The raw product shrinks as groups are added, so compare items or
 * conversations with different group counts on the normalised (geometric-mean) figures.
 */
export function groupAwareConsensus(groups: readonly GroupVotes[]): GroupAwareConsensus {
  if (groups.length === 0) throw new RangeError('group-aware consensus needs at least one group');
  let agree = 1,
    disagree = 1;
  for (const g of groups) {
    checkGroup(g);
    agree *= (g.agree + 1) / (g.seen + 2);
    disagree *= (g.disagree + 1) / (g.seen + 2);
  }
  const G = groups.length;
  return { agree, disagree, agreeNormalised: agree ** (1 / G), disagreeNormalised: disagree ** (1 / G), groups: G };
}

/** Polis `prop-test`: 2·√(n+1)·((s+1)/(n+1) − 0.5), a smoothed one-proportion z against ½. */
export function propTest(successes: number, n: number): number {
  return 2 * Math.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5);
}

/**
 * Polis `two-prop-test`: pooled two-proportion z with +1 added to all four inputs; 0 when the
 * pooled proportion is 1 (no variance).
 */
export function twoPropTest(succIn: number, succOut: number, popIn: number, popOut: number): number {
  const s1 = succIn + 1,
    s2 = succOut + 1,
    n1 = popIn + 1,
    n2 = popOut + 1;
  const p1 = s1 / n1,
    p2 = s2 / n2;
  const pHat = (s1 + s2) / (n1 + n2);
  if (pHat === 1) return 0;
  return (p1 - p2) / Math.sqrt(pHat * (1 - pHat) * (1 / n1 + 1 / n2));
}

/** Representativeness of one item for group g against all other groups pooled ("rest"). */
export interface Repness {
  group: number;
  /** (1 + na)/(2 + ns) */
  pa: number;
  /** (1 + nd)/(2 + ns) */
  pd: number;
  /** pa / ((1 + Σ_rest na)/(2 + Σ_rest ns)) */
  ra: number;
  rd: number;
  /** propTest(na, ns) */
  pat: number;
  pdt: number;
  /** twoPropTest(na, Σ_rest na, ns, Σ_rest ns) */
  rat: number;
  rdt: number;
  /** 'agree' if rat > rdt, else 'disagree'. */
  repfulFor: 'agree' | 'disagree';
  /** repness × repness test × p × p test, in the repful direction. */
  metric: number;
  /** (rat > Z_90 and pat > Z_90) or (rdt > Z_90 and pdt > Z_90). */
  passes: boolean;
}

/** Representativeness (`repness.clj`) of an item for group `g`, given every group's counts. */
export function repness(groups: readonly GroupVotes[], g: number): Repness {
  if (!Number.isInteger(g) || g < 0 || g >= groups.length) throw new RangeError(`no group ${g}`);
  groups.forEach(checkGroup);
  const self = groups[g];
  let restA = 0,
    restD = 0,
    restS = 0;
  groups.forEach((x, i) => {
    if (i === g) return;
    restA += x.agree;
    restD += x.disagree;
    restS += x.seen;
  });
  const pa = (1 + self.agree) / (2 + self.seen);
  const pd = (1 + self.disagree) / (2 + self.seen);
  const ra = pa / ((1 + restA) / (2 + restS));
  const rd = pd / ((1 + restD) / (2 + restS));
  const pat = propTest(self.agree, self.seen);
  const pdt = propTest(self.disagree, self.seen);
  const rat = twoPropTest(self.agree, restA, self.seen, restS);
  const rdt = twoPropTest(self.disagree, restD, self.seen, restS);
  const repfulFor = rat > rdt ? 'agree' : 'disagree';
  const metric = repfulFor === 'agree' ? ra * rat * pa * pat : rd * rdt * pd * pdt;
  const passes = (rat > Z_90 && pat > Z_90) || (rdt > Z_90 && pdt > Z_90);
  return { group: g, pa, pd, ra, rd, pat, pdt, rat, rdt, repfulFor, metric, passes };
}

/** An item with its per-group counts. */
export interface GroupedItem<K> {
  id: K;
  groups: readonly GroupVotes[];
}

/**
 * Polis comment selection for group g: items that pass the repness test, sorted by metric, top
 * `top` (default 5), with the best agree-representative item moved first.
 */
export function representativeItems<K>(items: readonly GroupedItem<K>[], g: number, top = 5): { id: K; repness: Repness }[] {
  const ranked = items
    .map((it) => ({ id: it.id, repness: repness(it.groups, g) }))
    .filter((x) => x.repness.passes)
    .sort((x, y) => y.repness.metric - x.repness.metric)
    .slice(0, top);
  const bestAgree = ranked.findIndex((x) => x.repness.repfulFor === 'agree');
  if (bestAgree > 0) ranked.unshift(...ranked.splice(bestAgree, 1));
  return ranked;
}

/** One entry of the consensus lists. */
export interface ConsensusItem<K> {
  id: K;
  /** Smoothed share agreeing (or disagreeing) over all groups pooled. */
  p: number;
  /** propTest of that share. */
  test: number;
}

/**
 * Polis `select-consensus-comments`: over all groups pooled, items with pa > 0.5 and
 * pat > Z_90 sorted by pa·pat (top `top`, default 5); the same for disagree.
 */
export function consensusItems<K>(items: readonly GroupedItem<K>[], top = 5): { agree: ConsensusItem<K>[]; disagree: ConsensusItem<K>[] } {
  const agree: ConsensusItem<K>[] = [];
  const disagree: ConsensusItem<K>[] = [];
  for (const it of items) {
    let A = 0,
      D = 0,
      S = 0;
    for (const g of it.groups) {
      checkGroup(g);
      A += g.agree;
      D += g.disagree;
      S += g.seen;
    }
    const pa = (1 + A) / (2 + S),
      pd = (1 + D) / (2 + S);
    const pat = propTest(A, S),
      pdt = propTest(D, S);
    if (pa > 0.5 && pat > Z_90) agree.push({ id: it.id, p: pa, test: pat });
    if (pd > 0.5 && pdt > Z_90) disagree.push({ id: it.id, p: pd, test: pdt });
  }
  const by = (x: ConsensusItem<K>, y: ConsensusItem<K>) => y.p * y.test - x.p * x.test;
  return { agree: agree.sort(by).slice(0, top), disagree: disagree.sort(by).slice(0, top) };
}

/** Counts of one side on one item from vote codes: yes = agree, no = disagree, abstain = pass (seen), 0 = not seen. */
export function sideVotes(votes: ArrayLike<number>, side: readonly number[]): GroupVotes {
  let agree = 0,
    disagree = 0,
    seen = 0;
  for (const p of side) {
    const v = votes[p];
    if (v === 1) agree++;
    else if (v === 3) disagree++;
    if (v === 1 || v === 2 || v === 3) seen++;
  }
  return { agree, disagree, seen };
}

/** One item in a bridging ranking. */
export interface BridgeItem<K> {
  id: K;
  sideA: GroupVotes;
  sideB: GroupVotes;
  /**
   * How much the item unites the sides: max of the normalised group-aware consensus for agree,
   * √(pA_A·pA_B), and its disagree analogue √(pD_A·pD_B), with p = (count + 1)/(seen + 2).
   */
  unite: number;
  /** How much it divides them: max(√(pA_A·pD_B), √(pD_A·pA_B)) — one side for, the other against. */
  divide: number;
  /** Which pattern gave `unite` / `divide`. */
  uniteOn: 'yes' | 'no';
  divideOn: 'A-yes-B-no' | 'A-no-B-yes';
}

/** Options of {@link bridging}. */
export interface BridgingOptions {
  /** Length of each list (default 10). */
  top?: number;
  /** Items where either side has fewer cast votes are left out (default 1). */
  minSeenPerSide?: number;
}

/**
 * Rank items that most unite and most divide two sides of parties.
 *
 * Each side is a Polis group (yes = agree, no = disagree, abstain = pass). `unite` is the
 * two-group GAC normalised by its geometric mean — high only when *both* sides lean the same way
 * — taking whichever of yes/yes or no/no is stronger (a shared "no" unites too). `divide` is the
 * same construction across the sides (one side's agree times the other's disagree). Both are in
 * (0, 1); with the +1 smoothing, an item seen by few parties cannot reach the extremes.
 * Ties break by total votes seen (more evidence first), then input order.
 *
 * @param items per item, the vote codes (0–3) of every party, indexed by party
 * @param sideA party indexes of one side, sideB of the other (disjoint)
 */
export function bridging<K>(
  items: readonly { id: K; votes: ArrayLike<number> }[],
  sideA: readonly number[],
  sideB: readonly number[],
  opts: BridgingOptions = {},
): { unite: BridgeItem<K>[]; divide: BridgeItem<K>[] } {
  const top = opts.top ?? 10;
  const minSeen = opts.minSeenPerSide ?? 1;
  const setA = new Set(sideA);
  if (sideB.some((p) => setA.has(p))) throw new RangeError('a party cannot be on both sides');
  const scored: { item: BridgeItem<K>; order: number }[] = [];
  items.forEach((it, order) => {
    const a = sideVotes(it.votes, sideA),
      b = sideVotes(it.votes, sideB);
    if (a.seen < minSeen || b.seen < minSeen) return;
    const aY = (a.agree + 1) / (a.seen + 2),
      aN = (a.disagree + 1) / (a.seen + 2);
    const bY = (b.agree + 1) / (b.seen + 2),
      bN = (b.disagree + 1) / (b.seen + 2);
    const uY = Math.sqrt(aY * bY),
      uN = Math.sqrt(aN * bN);
    const dYN = Math.sqrt(aY * bN),
      dNY = Math.sqrt(aN * bY);
    scored.push({
      order,
      item: {
        id: it.id,
        sideA: a,
        sideB: b,
        unite: Math.max(uY, uN),
        uniteOn: uY >= uN ? 'yes' : 'no',
        divide: Math.max(dYN, dNY),
        divideOn: dYN >= dNY ? 'A-yes-B-no' : 'A-no-B-yes',
      },
    });
  });
  const seen = (x: BridgeItem<K>) => x.sideA.seen + x.sideB.seen;
  const rank = (key: 'unite' | 'divide') =>
    [...scored]
      .sort((x, y) => y.item[key] - x.item[key] || seen(y.item) - seen(x.item) || x.order - y.order)
      .slice(0, top)
      .map((s) => s.item);
  return { unite: rank('unite'), divide: rank('divide') };
}

/** {@link bridging} over the items of a vote table (default: all items); ids are item indexes. */
export function bridgingFromTable(
  table: VoteTable<unknown>,
  sideA: readonly number[],
  sideB: readonly number[],
  items?: ArrayLike<number>,
  opts: BridgingOptions = {},
): { unite: BridgeItem<number>[]; divide: BridgeItem<number>[] } {
  const m = table.items.length;
  const P = table.parties.length;
  const idx = items ? Array.from(items) : Array.from({ length: m }, (_, i) => i);
  const rows = idx.map((i) => {
    const votes = new Uint8Array(P);
    for (let p = 0; p < P; p++) votes[p] = table.votes[p * m + i];
    return { id: i, votes };
  });
  return bridging(rows, sideA, sideB, opts);
}
