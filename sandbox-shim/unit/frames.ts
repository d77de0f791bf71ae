/**
 * The wire between the host and an execution unit: length-prefixed frames over a socket pair
 * (the unit's fd 3), each a 4-byte little-endian body length followed by the body: a small message
 * as JSON text when JSON carries it exactly, else serialized with V8's structured clone (what
 * Node's IPC does with `serialization: 'advanced'`). The body's first byte tells which (`{` or 0xFF).
 *
 * Not Node's IPC channel: its JS machinery (a serializer subclass per message, a concatenation
 * per read, a nextTick and an event per message, handle-passing checks) cost each side more CPU
 * per message than the template's own run. Here a read that holds whole frames (nearly all of
 * them) is decoded in place, with no copy, and both ends read into one buffer of their own.
 *
 * What a unit writes is untrusted (it runs template code): a frame whose length passes the limit,
 * or whose body is neither JSON nor a V8 value, is an error the host turns into the end of that unit. Nothing a
 * template logs or returns can forge a frame: every string it produces travels inside a body whose
 * length was written by the unit's own code.
 */
import fs from 'node:fs';
import type { Socket } from 'node:net';
import { types } from 'node:util';
import v8 from 'node:v8';

/** Bytes of a frame's length prefix. */
export const FRAME_HEADER_BYTES = 4;
/** The largest body accepted: above any message a unit within its heap cap can produce. */
export const MAX_FRAME_BYTES = 1024 * 1024 * 1024;
/** First byte of every V8 serialization (its version tag). */
const V8_VERSION_TAG = 0xff;
/** First byte of a JSON body (every message is an object). */
const JSON_TAG = 0x7b;
const HEADER = Buffer.alloc(FRAME_HEADER_BYTES);

/**
 * Serializes `message` into one frame. Throws (DataCloneError) for what cannot cross, e.g. a
 * function. A small message that JSON carries exactly (see `jsonExact`) travels as JSON text: for
 * the small messages of a gtmOnSuccess-only run (its options, its record) JSON costs each side
 * about half of V8's serializer; anything else (undefined, NaN, -0, Dates, Maps, shared or cyclic
 * references, long text…) travels as a V8 serialization, as Node's IPC would carry it.
 */
export function encodeFrame(message: unknown): Buffer {
  if (jsonExact(message)) {
    const text = JSON.stringify(message);
    // At most 3 bytes per UTF-16 unit (the text is small: see JSON_CHAR_LIMIT); most come from Buffer's shared pool.
    const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + text.length * 3);
    const length = frame.write(text, FRAME_HEADER_BYTES);
    frame.writeUInt32LE(length, 0);
    return frame.subarray(0, FRAME_HEADER_BYTES + length);
  }
  const serializer = new v8.DefaultSerializer();
  // The prefix is written into the serializer's own buffer, then filled in: no second buffer, no copy.
  serializer.writeRawBytes(HEADER);
  serializer.writeHeader();
  serializer.writeValue(message);
  const frame = serializer.releaseBuffer();
  frame.writeUInt32LE(frame.length - FRAME_HEADER_BYTES, 0);
  return frame;
}

/** Values jsonExact looks at before it leaves a message to V8's serializer (a large message is no hot path). */
const JSON_NODE_LIMIT = 1000;
/**
 * Characters of string values a JSON message may hold: past about this many, V8's serializer
 * (strings copied as they are) is cheaper than JSON (every character scanned for escapes, and
 * encoded again as UTF-8): one measurement, encode + decode of a record with one console line,
 * JSON 5.4 vs V8 10.7 µs at 128 ASCII characters, 8.9 vs 9.1 at 512, 29 vs 12 at 4,096 (and
 * earlier for text outside Latin-1).
 */
const JSON_CHAR_LIMIT = 512;
const JSON_DEPTH_LIMIT = 64;

/**
 * Whether a message is small and JSON.parse(JSON.stringify(value)) gives what V8's structured clone gives: only
 * strings, booleans, null, finite numbers other than -0, arrays without holes, undefined or extra
 * keys, plain objects (null prototype included: both come back with Object.prototype) with no
 * undefined value, and no object reached twice. A message must be an object (its JSON starts
 * with `{`, which tells the decoder).
 */
export function jsonExact(message: unknown): boolean {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return false;
  const seen = new Set<object>();
  let budget = JSON_NODE_LIMIT;
  let chars = JSON_CHAR_LIMIT;
  const exact = (value: unknown, depth: number): boolean => {
    if (--budget < 0) return false;
    switch (typeof value) {
      case 'string':
        chars -= value.length;
        return chars >= 0;
      case 'boolean':
        return true;
      case 'number':
        return Number.isFinite(value) && !Object.is(value, -0);
      case 'object': {
        if (value === null) return true;
        // A proxy is refused by V8's serializer; JSON would read through its traps.
        if (depth > JSON_DEPTH_LIMIT || seen.has(value) || types.isProxy(value)) return false;
        seen.add(value);
        const proto = Reflect.getPrototypeOf(value);
        if (Array.isArray(value)) {
          if (proto !== Array.prototype) return false;
          for (let i = 0; i < value.length; i++) {
            const item: unknown = value[i];
            if (item === undefined || !exact(item, depth + 1)) return false;
          }
          return Object.keys(value).length === value.length;
        }
        if (proto !== Object.prototype && proto !== null) return false;
        // Own enumerable string keys are what both carry; a getter is read once by either.
        for (const key of Object.keys(value)) {
          chars -= key.length;
          if (chars < 0) return false;
          const item = (value as Record<string, unknown>)[key];
          if (item === undefined || !exact(item, depth + 1)) return false;
        }
        return true;
      }
      default:
        return false;
    }
  };
  return exact(message, 0);
}

/** The bytes received are not frames of this protocol. */
export class FrameError extends Error {
  constructor(detail: string) {
    super(`malformed frame (${detail})`);
    this.name = 'FrameError';
  }
}

function decodeBody(body: Buffer): unknown {
  if (body[0] === JSON_TAG) {
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch (err) {
      throw new FrameError(`its ${body.length}-byte JSON body cannot be parsed (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (body[0] !== V8_VERSION_TAG) throw new FrameError(`the body starts with neither JSON nor a V8 serialization header (byte 0x${(body[0] ?? 0).toString(16)})`);
  try {
    const deserializer = new v8.DefaultDeserializer(body);
    deserializer.readHeader();
    return deserializer.readValue();
  } catch (err) {
    throw new FrameError(`its ${body.length}-byte body cannot be deserialized (${err instanceof Error ? err.message : String(err)})`);
  }
}

/**
 * Turns a byte stream back into messages, whatever the reads' boundaries: a frame split across
 * reads, many frames in one read, a header split in two. After an error (thrown from push) the
 * decoder is stopped and ignores further bytes.
 */
export class FrameDecoder {
  /** Bytes received and not yet decoded, in order (only when a frame spans reads). */
  private chunks: Buffer[] = [];
  private buffered = 0;
  private stopped = false;

  /**
   * `reusedReads`: each read's bytes live in one buffer that the next read overwrites (a socket
   * read into a buffer of its own, see worker.ts): what waits for a later read is copied, and so is
   * a V8 body (its Buffers may be views of the bytes they came from).
   */
  constructor(
    private readonly onMessage: (message: unknown) => void,
    private readonly limit = MAX_FRAME_BYTES,
    private readonly reusedReads = false,
  ) {}

  /** Takes one read's bytes; calls onMessage for each frame completed. Throws FrameError on bad bytes. */
  push(chunk: Buffer): void {
    if (this.stopped) return;
    try {
      if (this.buffered === 0) {
        // The usual case: the read starts at a frame boundary; whole frames are decoded in place.
        let at = 0;
        while (chunk.length - at >= FRAME_HEADER_BYTES) {
          const length = this.lengthAt(chunk, at);
          const end = at + FRAME_HEADER_BYTES + length;
          if (end > chunk.length) break;
          const body = chunk.subarray(at + FRAME_HEADER_BYTES, end);
          at = end;
          this.emit(body);
          if (this.stopped) return;
        }
        if (at === chunk.length) return;
        chunk = chunk.subarray(at);
      }
      this.chunks.push(this.reusedReads ? Buffer.from(chunk) : chunk);
      this.buffered += chunk.length;
      this.drainBuffered();
    } catch (err) {
      this.stop();
      throw err;
    }
  }

  /** Stops decoding (the unit is being ended): later bytes are ignored. */
  stop(): void {
    this.stopped = true;
    this.chunks = [];
    this.buffered = 0;
  }

  private drainBuffered(): void {
    while (!this.stopped && this.buffered >= FRAME_HEADER_BYTES) {
      if (this.chunks[0].length < FRAME_HEADER_BYTES) this.merge();
      const length = this.lengthAt(this.chunks[0], 0);
      const total = FRAME_HEADER_BYTES + length;
      if (this.buffered < total) return;
      // Copied together once, when the frame is complete (a large frame arrives in many reads).
      if (this.chunks[0].length < total) this.merge();
      const head = this.chunks[0];
      const body = head.subarray(FRAME_HEADER_BYTES, total);
      if (head.length === total) this.chunks.shift();
      else this.chunks[0] = head.subarray(total);
      this.buffered -= total;
      this.emit(body);
    }
  }

  private lengthAt(buffer: Buffer, at: number): number {
    const length = buffer.readUInt32LE(at);
    if (length === 0) throw new FrameError('a frame with an empty body');
    if (length > this.limit) throw new FrameError(`a frame of ${length} bytes, over the limit of ${this.limit}`);
    // Garbage is caught at its first byte, not once the length it claims has arrived.
    const first = buffer.length > at + FRAME_HEADER_BYTES ? buffer[at + FRAME_HEADER_BYTES] : undefined;
    if (first !== undefined && first !== V8_VERSION_TAG && first !== JSON_TAG) {
      throw new FrameError(`the body starts with neither JSON nor a V8 serialization header (byte 0x${first.toString(16)})`);
    }
    return length;
  }

  private merge(): void {
    const all = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
  }

  private emit(body: Buffer): void {
    const message = decodeBody(this.reusedReads && body[0] === V8_VERSION_TAG ? Buffer.from(body) : body);
    try {
      this.onMessage(message);
    } catch (err) {
      // The handler's own failure is not the stream's: the frames after it are still read, and the
      // error surfaces as an uncaught exception, as it would from an event listener.
      process.nextTick(() => {
        throw err;
      });
    }
  }
}

/**
 * Writes frames to a socket: straight to its file descriptor while nothing is queued (one
 * write(2), none of a stream's bookkeeping per message), through the socket when the kernel's
 * buffer is full (a large record while the peer is busy): the rest waits there, in order, and
 * later frames queue behind it.
 */
export class FrameWriter {
  private readonly fd: number | undefined;

  constructor(private readonly socket: Socket) {
    const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
    this.fd = typeof fd === 'number' && fd >= 0 ? fd : undefined;
  }

  write(frame: Buffer): void {
    if (this.socket.destroyed) return;
    if (this.fd !== undefined && this.socket.writableLength === 0) {
      let written = 0;
      try {
        written = fs.writeSync(this.fd, frame);
      } catch {
        // EAGAIN (the buffer is full) or the peer is gone (EPIPE): the socket queues the frame or reports the error.
      }
      if (written === frame.length) return;
      frame = frame.subarray(written);
    }
    this.socket.write(frame);
  }
}

/** Bytes of the one buffer a socket's reads land in, on either end (readsInto here; the unit's socket in worker.ts). */
export const READ_BUFFER_BYTES = 64 * 1024;

/**
 * Hands a socket's reads to `onBytes` as they come. Where Node allows it, in one buffer of our own
 * that each read overwrites (what net.Socket's `onread` option does for a socket one constructs:
 * no buffer allocated per read, no Readable push, `data` event and nextTick per message); the
 * host's end of a unit's socket pair is constructed by child_process, so the same switch is
 * made on it through the socket's own fields, when this Node has them. Returns whether reads are
 * reused (then the decoder must copy what it keeps: FrameDecoder's `reusedReads`); else reads
 * arrive as `data` chunks of their own.
 */
export function readsInto(socket: Socket, onBytes: (bytes: Buffer) => void): boolean {
  const fields = socket as unknown as Record<symbol, unknown> & { _handle?: { useUserBuffer?: (buffer: Uint8Array) => void } };
  const symbol = (name: string) => Object.getOwnPropertySymbols(socket).find((s) => s.description === name);
  const kBuffer = symbol('kBuffer');
  const kBufferCb = symbol('kBufferCb');
  const handle = fields._handle;
  if (!kBuffer || !kBufferCb || fields[kBuffer] !== null || typeof handle?.useUserBuffer !== 'function') {
    socket.on('data', onBytes);
    return false;
  }
  const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  handle.useUserBuffer(buffer);
  fields[kBuffer] = buffer;
  fields[kBufferCb] = (bytes: number) => void onBytes(buffer.subarray(0, bytes));
  return true;
}
