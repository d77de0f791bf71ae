/**
 * The raw request body, read once with a size limit. Under functions-framework the body was
 * already read into `req.rawBody`; standalone we read the stream ourselves.
 */
import type { Request } from 'express';
import { HitError } from './ga4';

/** Past the limit we keep draining (so the client can read our 413) up to this much, then drop the connection. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export function readBody(req: Request, limit: number): Promise<string> {
  const preRead = (req as Request & { rawBody?: Buffer }).rawBody;
  if (preRead !== undefined) {
    if (preRead.length > limit) return Promise.reject(tooLarge(preRead.length, limit));
    return Promise.resolve(preRead.toString('utf8'));
  }
  if (req.readableEnded) return Promise.resolve('');
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => (over ? reject(tooLarge(size, limit)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', (err) => reject(new HitError(400, `could not read the request body: ${err.message}`)));
  });
}

function tooLarge(size: number, limit: number): HitError {
  return new HitError(413, `request body of ${size} bytes is larger than the limit of ${limit} bytes (limits.maxBodyBytes in the config)`);
}
