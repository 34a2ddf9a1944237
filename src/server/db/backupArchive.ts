/**
 * The container of a backup: a plain POSIX (ustar) tar file, so that an operator can look inside with `tar tf`
 * and take a single file out with `tar xf` without this program. Only what backups need: regular files with short
 * names, written one after another, and read back by random access (the manifest is the last entry, so a copy cut
 * short has none and is refused as incomplete).
 */
import fs from 'node:fs';

const BLOCK = 512;

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o640, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** Writes entries in order; `finish` adds the end marker and closes the file. */
export class TarWriter {
  private position = 0;
  private constructor(private readonly fh: fs.promises.FileHandle) {}

  static async create(file: string): Promise<TarWriter> {
    return new TarWriter(await fs.promises.open(file, 'wx', 0o600));
  }

  async add(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    await this.write(header(name, data.length, mtime));
    await this.write(data);
    if (pad) await this.write(Buffer.alloc(pad));
  }

  private async write(b: Buffer): Promise<void> {
    let done = 0;
    while (done < b.length) {
      const { bytesWritten } = await this.fh.write(b, done, b.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  /** The end-of-archive marker, then fsync: a backup that reports success is on the disk. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    await this.fh.sync();
    await this.fh.close();
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => {});
  }
}

export class ArchiveFormatError extends Error {}

/** An archive opened for reading: its entries' names and where their bytes are. */
export class TarReader {
  private constructor(
    private readonly fh: fs.promises.FileHandle,
    readonly entries: ReadonlyMap<string, { offset: number; size: number }>,
  ) {}

  static async open(file: string): Promise<TarReader> {
    const fh = await fs.promises.open(file, 'r');
    try {
      const total = (await fh.stat()).size;
      const entries = new Map<string, { offset: number; size: number }>();
      const h = Buffer.alloc(BLOCK);
      let pos = 0;
      for (;;) {
        if (pos + BLOCK > total) throw new ArchiveFormatError('the archive ends in the middle (truncated copy?)');
        await fh.read(h, 0, BLOCK, pos);
        if (h.every((b) => b === 0)) break;
        if (h.toString('ascii', 257, 262) !== 'ustar') throw new ArchiveFormatError('not a tar archive');
        let sum = 0;
        for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] ?? 0);
        if (sum !== Number.parseInt(h.toString('ascii', 148, 156).replace(/\0.*$/s, '').trim(), 8))
          throw new ArchiveFormatError(`damaged archive header at byte ${pos}`);
        const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
        const size = Number.parseInt(h.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
        const type = h.toString('ascii', 156, 157);
        const offset = pos + BLOCK;
        if (offset + size > total) throw new ArchiveFormatError('the archive ends in the middle (truncated copy?)');
        if (type === '0' || type === '\0') entries.set(name, { offset, size });
        pos = offset + Math.ceil(size / BLOCK) * BLOCK;
      }
      return new TarReader(fh, entries);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  async read(name: string): Promise<Buffer | null> {
    const e = this.entries.get(name);
    if (!e) return null;
    const b = Buffer.alloc(e.size);
    let done = 0;
    while (done < e.size) {
      const { bytesRead } = await this.fh.read(b, done, e.size - done, e.offset + done);
      if (!bytesRead) throw new ArchiveFormatError(`entry ${name} is cut short`);
      done += bytesRead;
    }
    return b;
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

/** Whether a file starts like a tar archive (the current format) rather than gzip (the first format). */
export async function looksLikeTar(file: string): Promise<boolean> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const b = Buffer.alloc(BLOCK);
    const { bytesRead } = await fh.read(b, 0, BLOCK, 0);
    return bytesRead === BLOCK && b.toString('ascii', 257, 262) === 'ustar';
  } finally {
    await fh.close();
  }
}
