/**
 * A position log (../load.ts) as bytes and back: a JSON head (group, items, participants, sizes)
 * and the log's arrays, each in the narrowest integer type that holds it, so that reading a copy
 * is a few array copies rather than 870,000 rows turned into objects.
 *
 *   u32 head length · head (UTF-8 JSON) · arrays, each padded to 4 bytes:
 *   cellItem · cellWho · start (left out when every cell has one entry) · day (an index into the
 *   head's list of distinct days) · code (u8)
 *
 * The arrays are little-endian, as on every machine Node runs on here; a copy made on another
 * byte order is refused (and rebuilt) rather than misread. For the UN roll calls (869,937
 * positions) the copy is 5 MB, against 17 MB for the arrays as they lie in memory.
 */
import type { PositionLog } from '../load.ts';

/** Bumped whenever the layout or the log's meaning changes: a copy of another format is rebuilt. */
export const CODEC_FORMAT = 2;

type Width = 1 | 2 | 4;

interface Head {
  format: number;
  littleEndian: boolean;
  wgId: string;
  rows: number;
  cells: number;
  entries: number;
  /** Byte width of cellItem, cellWho, start (0: left out) and day (an index into `days`). */
  widths: [Width, Width, 0 | 4, Width];
  days: number[];
  items: PositionLog['items'];
  participants: PositionLog['participants'];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const align4 = (n: number) => (n + 3) & ~3;
const widthFor = (max: number): Width => (max < 256 ? 1 : max < 65_536 ? 2 : 4);
const maxOf = (a: Int32Array) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
};

function narrow(a: Int32Array, width: Width): Uint8Array {
  const out = width === 1 ? Uint8Array.from(a) : width === 2 ? Uint16Array.from(a) : a;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function widen(bytes: Uint8Array, n: number, width: Width): Int32Array {
  // `bytes` starts at a multiple of 4 within its own (aligned) buffer.
  if (width === 4) return new Int32Array(bytes.buffer, bytes.byteOffset, n).slice();
  const src = width === 1 ? bytes.subarray(0, n) : new Uint16Array(bytes.buffer, bytes.byteOffset, n);
  const out = new Int32Array(n);
  out.set(src);
  return out;
}

export function encodeLog(log: PositionLog): Buffer {
  const cells = log.cellItem.length;
  const entries = log.code.length;
  let identity = log.start.length === entries + 1;
  for (let k = 0; identity && k < log.start.length; k++) identity = log.start[k] === k;
  const days = [...new Set(log.day)].sort((a, b) => a - b);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const dayCodes = Int32Array.from(log.day, (d) => dayIndex.get(d)!);
  const widths: Head['widths'] = [widthFor(maxOf(log.cellItem)), widthFor(maxOf(log.cellWho)), identity ? 0 : 4, widthFor(days.length)];
  const head: Head = { format: CODEC_FORMAT, littleEndian: LITTLE_ENDIAN, wgId: log.wgId, rows: log.rows, cells, entries, widths, days, items: log.items, participants: log.participants };
  const parts = [
    Buffer.from(JSON.stringify(head), 'utf8'),
    narrow(log.cellItem, widths[0]),
    narrow(log.cellWho, widths[1]),
    identity ? new Uint8Array(0) : narrow(log.start, 4),
    narrow(dayCodes, widths[3]),
    log.code,
  ];
  const size = 4 + parts.reduce((n, p) => align4(n + p.length), 0);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(parts[0].length, 0);
  let o = 4;
  for (const p of parts) {
    out.set(p, o);
    o = align4(o + p.length);
  }
  return out;
}

/** The log, or null when the bytes are of another format or byte order (or damaged). */
export function decodeLog(bytes: Uint8Array): PositionLog | null {
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headLength = buf.readUInt32LE(0);
    const head = JSON.parse(buf.toString('utf8', 4, 4 + headLength)) as Head;
    if (head.format !== CODEC_FORMAT || head.littleEndian !== LITTLE_ENDIAN) return null;
    const { cells, entries, widths } = head;
    // The arrays, copied once into an aligned buffer (the driver's bytes may start anywhere).
    const from = align4(4 + headLength);
    const body = new Uint8Array(buf.length - from);
    body.set(buf.subarray(from));
    let o = 0;
    const take = (n: number, width: Width) => {
      const a = widen(body.subarray(o), n, width);
      o = align4(o + n * width);
      return a;
    };
    const cellItem = take(cells, widths[0]);
    const cellWho = take(cells, widths[1]);
    let start: Int32Array;
    if (widths[2]) start = take(cells + 1, 4);
    else {
      start = new Int32Array(cells + 1);
      for (let k = 0; k <= cells; k++) start[k] = k;
    }
    const dayCodes = take(entries, widths[3]);
    if (align4(o + entries) !== body.length) return null;
    const code = body.slice(o, o + entries);
    const days = Int32Array.from(head.days);
    const day = new Int32Array(entries);
    for (let i = 0; i < entries; i++) day[i] = days[dayCodes[i]];
    return { wgId: head.wgId, items: head.items, participants: head.participants, rows: head.rows, cellItem, cellWho, start, day, code, tables: new Map() };
  } catch {
    return null;
  }
}
