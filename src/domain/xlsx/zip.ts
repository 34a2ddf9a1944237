/**
 * The zip side of an .xlsx: reading the central directory (what each entry declares: name, method, sizes, where its
 * data lies) without inflating anything, holding the declared sizes to the limits, and inflating entries no larger
 * than they declared. Node's zlib inflates but has no zip reader; this one knows only what a workbook needs
 * (stored and deflated entries, zip64 sizes) and refuses the rest as unreadable.
 */
import { inflateRawSync } from 'node:zlib';
import { refusals, type XlsxLimits } from './limits.js';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's data starts (after its local header). */
  dataOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const u64 = (b: Buffer, at: number) => Number(b.readBigUInt64LE(at));

/** The end-of-central-directory record: searched backwards, since a zip comment (≤ 64 KiB) may follow it. */
function findEnd(b: Buffer): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let at = b.length - 22; at >= stop; at--) if (b.readUInt32LE(at) === EOCD) return at;
  return -1;
}

/**
 * Every entry the central directory lists. Throws XlsxRefusal: `ole` for an old .xls or an encrypted workbook,
 * `unreadable` for anything that is not a whole zip a workbook could be, `too-many-entries` past the limit.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 4 && b.subarray(0, 4).equals(OLE_MAGIC)) throw refusals.ole();
  if (b.length < 22 || b.readUInt32LE(0) !== LOCAL) throw refusals.unreadable();
  const end = findEnd(b);
  if (end < 0) throw refusals.unreadable();
  let count = b.readUInt16LE(end + 10);
  let dirSize = b.readUInt32LE(end + 12);
  let dirOffset = b.readUInt32LE(end + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || b.readUInt32LE(locator) !== ZIP64_LOCATOR) throw refusals.unreadable();
    const z = u64(b, locator + 8);
    if (z + 56 > locator || b.readUInt32LE(z) !== ZIP64_EOCD) throw refusals.unreadable();
    count = u64(b, z + 32);
    dirSize = u64(b, z + 40);
    dirOffset = u64(b, z + 48);
  }
  if (count > maxEntries) throw refusals.tooManyEntries(count, maxEntries);
  if (dirOffset + dirSize > end) throw refusals.unreadable();

  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dirOffset + dirSize || b.readUInt32LE(at) !== CENTRAL) throw refusals.unreadable();
    const flags = b.readUInt16LE(at + 8);
    const method = b.readUInt16LE(at + 10);
    let compressedSize = b.readUInt32LE(at + 20);
    let uncompressedSize = b.readUInt32LE(at + 24);
    const nameLength = b.readUInt16LE(at + 28);
    const extraLength = b.readUInt16LE(at + 30);
    const commentLength = b.readUInt16LE(at + 32);
    let localOffset = b.readUInt32LE(at + 42);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > dirOffset + dirSize) throw refusals.unreadable();
    const name = b.toString('utf8', at + 46, at + 46 + nameLength);
    // Zip64: the sizes and offset that overflow 32 bits sit, in this order, in the extra field 0x0001.
    let x = at + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = b.readUInt16LE(x);
      const size = b.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let f = x + 4;
        const take = () => {
          if (f + 8 > x + 4 + size) throw refusals.unreadable();
          const v = u64(b, f);
          f += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      x += 4 + size;
    }
    // Encrypted entries (bit 0) and methods other than stored/deflate: nothing a spreadsheet program writes.
    if (flags & 0x1 || (method !== 0 && method !== 8)) throw refusals.unreadable();
    if (localOffset + 30 > dirOffset || b.readUInt32LE(localOffset) !== LOCAL) throw refusals.unreadable();
    const dataOffset = localOffset + 30 + b.readUInt16LE(localOffset + 26) + b.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > dirOffset) throw refusals.unreadable();
    if (method === 0 && compressedSize !== uncompressedSize) throw refusals.unreadable();
    entries.push({ name, method, compressedSize, uncompressedSize, dataOffset });
    at = next;
  }
  return entries;
}

/** Holds what the directory declares to the limits: the workbook's inflated total and each big entry's ratio. */
export function checkDeclaredSizes(entries: ZipEntry[], limits: XlsxLimits): void {
  let total = 0;
  for (const e of entries) total += e.uncompressedSize;
  if (total > limits.maxUncompressedBytes) throw refusals.tooLarge(total, limits.maxUncompressedBytes);
  for (const e of entries) {
    if (e.uncompressedSize < limits.ratioFloorBytes) continue;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (ratio > limits.maxRatio) throw refusals.ratio(e.name, ratio, limits.maxRatio);
  }
}

/**
 * One entry's bytes, inflated into at most the size it declared: an entry that inflates to more (a directory that
 * lies) stops there and is refused, so nothing ever inflates past what `checkDeclaredSizes` allowed.
 */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry): Buffer {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = b.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (e.method === 0) return data;
  if (e.uncompressedSize === 0) {
    if (e.compressedSize > 16) throw refusals.unreadable();
    return Buffer.alloc(0);
  }
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: e.uncompressedSize });
  } catch {
    throw refusals.unreadable();
  }
  if (out.length !== e.uncompressedSize) throw refusals.unreadable();
  return out;
}
