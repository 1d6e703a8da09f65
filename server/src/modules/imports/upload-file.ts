import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { IMPORT_LIMITS } from '@crm/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError, validationFailed } from '../../platform/errors.ts';

/** An uploaded file, kept in a temporary folder while it is read (it may be read twice: a CSV's encoding first). */
export type UploadedFile = { name: string; path: string };

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${IMPORT_LIMITS.bytes / 1024 / 1024} MB: split it`);

/**
 * The multipart body (docs/imports.md, rule 1) — the file in the field `file` and the kind of record it holds — with
 * the file streamed to a temporary folder rather than held in memory, handed to `use`, and removed afterwards, also
 * when `use` or the upload fails. A file over the limit is 413 PAYLOAD_TOO_LARGE.
 */
export async function withUploadedFile<T>(request: FastifyRequest, use: (file: UploadedFile) => Promise<T>) {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_FILE', 'Send the file as multipart/form-data (`file`)');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'crm-import-'));
  try {
    let file: UploadedFile | undefined;
    let entity = 'customers';
    for await (const part of request.parts({ limits: { fileSize: IMPORT_LIMITS.bytes, files: 1, fields: 4 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          throw validationFailed(part.fieldname, 'Send one file, in the field `file`');
        }
        const kept = path.join(dir, 'upload');
        await pipeline(part.file, fs.createWriteStream(kept));
        if (part.file.truncated) throw tooLarge();
        file = { name: part.filename || 'upload', path: kept };
      } else if (part.fieldname === 'entity') {
        entity = String(part.value);
      }
    }
    if (entity !== 'customers') {
      throw validationFailed('entity', 'Only customers can be imported (`entity=customers`)');
    }
    if (!file) throw validationFailed('file', 'Send the file to import in the field `file`');
    return await use(file);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
