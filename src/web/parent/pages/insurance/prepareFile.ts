/**
 * The server takes JPEG, PNG or PDF up to 5 MB. Phone cameras produce larger photos, and iPhones HEIC: such
 * images are redrawn here as a JPEG of at most 2400 px (enough to read a policy), when the browser can decode them.
 */
const MAX_BYTES = 5 * 1024 * 1024;
const KEEP_BYTES = 4 * 1024 * 1024;
const MAX_SIDE = 2400;

export type Prepared = { ok: true; blob: Blob; filename: string } | { ok: false; problem: 'type' | 'size' | 'decode' };

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('decode'));
    };
    img.src = url;
  });
}

async function toJpeg(file: File): Promise<Blob | null> {
  const img = await loadImage(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(img.naturalWidth * scale);
  canvas.height = Math.round(img.naturalHeight * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
}

export async function prepareFile(file: File): Promise<Prepared> {
  const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
  if (isPdf)
    return file.size <= MAX_BYTES ? { ok: true, blob: file, filename: file.name } : { ok: false, problem: 'size' };
  if (!file.type.startsWith('image/') && !/\.(jpe?g|png|heic|heif|webp)$/i.test(file.name))
    return { ok: false, problem: 'type' };
  if ((file.type === 'image/jpeg' || file.type === 'image/png') && file.size <= KEEP_BYTES) {
    return { ok: true, blob: file, filename: file.name };
  }
  try {
    const jpeg = await toJpeg(file);
    if (!jpeg) return { ok: false, problem: 'decode' };
    if (jpeg.size > MAX_BYTES) return { ok: false, problem: 'size' };
    return { ok: true, blob: jpeg, filename: `${file.name.replace(/\.[^.]+$/, '') || 'policy'}.jpg` };
  } catch {
    return { ok: false, problem: 'decode' };
  }
}
