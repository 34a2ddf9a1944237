/**
 * Reading one uploaded file from a multipart request and checking it: size (413), real content type (415),
 * a sanitised filename and a SHA-256 of the bytes. Handlers call this only after the record the file will belong
 * to has been loaded and the caller authorised, so nobody can make the server read a body they may not send.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { CONTENT_TYPES, type DetectedKind, detectContentKind, sanitizeFilename } from './contentType.js';

/** 10 MiB: a phone photo or a scanned certificate fits; a video does not. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface ReceivedUpload {
  bytes: Buffer;
  clientFilename: string;
  /** Plain form fields sent with the file, in any order. */
  fields: Record<string, string>;
}

export interface CheckedUpload {
  bytes: Buffer;
  kind: DetectedKind;
  contentType: string;
  filename: string;
  size: number;
  sha256: string;
}

const isTooLarge = (err: unknown) => {
  const code = (err as { code?: string }).code;
  return code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT';
};

/**
 * Collects the single file and the small fields of a multipart body. The app-wide multipart limits still apply
 * (one file); the per-request `fileSize` given here replaces the app-wide size limit for this route.
 */
export async function receiveUpload(req: FastifyRequest, maxBytes = DEFAULT_MAX_UPLOAD_BYTES): Promise<ReceivedUpload> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string } | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024 } })) {
      if (part.type === 'file') {
        // toBuffer throws FST_REQ_FILE_TOO_LARGE as soon as the cap is passed; `truncated` is the belt to its braces.
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
        file = { bytes, filename: part.filename };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isTooLarge(err)) throw new AppError('PAYLOAD_TOO_LARGE');
    throw new AppError('BAD_REQUEST');
  }
  if (!file) throw new AppError('VALIDATION_FAILED', { details: { zh: 'file: 请选择文件', en: 'file: is required' } });
  return { bytes: file.bytes, clientFilename: file.filename, fields };
}

/** Checks the bytes against the allow-list (optionally narrowed, e.g. photos must be images). */
export function checkUpload(upload: ReceivedUpload, allowed?: readonly DetectedKind[]): CheckedUpload {
  const { bytes } = upload;
  if (bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', { details: { zh: 'file: 文件为空', en: 'file: is empty' } });
  const kind = detectContentKind(bytes);
  if (!kind || (allowed && !allowed.includes(kind))) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  return {
    bytes,
    kind,
    contentType: CONTENT_TYPES[kind].mime,
    filename: sanitizeFilename(upload.clientFilename, kind),
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
