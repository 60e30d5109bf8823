import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * One NDJSON file written through a stream. Lines are gathered into ~64 KB chunks; when the
 * stream's buffer is full the generator waits for it to drain (`ready()`), so memory stays
 * bounded however many records are generated.
 */
export class NdjsonWriter {
  count = 0;
  /** Sees (and may rewrite) each record before it is written: the noise layer's seam. */
  hook: ((record: unknown) => void) | null = null;
  private chunk = '';
  private blocked = false;
  private failure: Error | null = null;
  private readonly stream: WriteStream;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  write(record: unknown): void {
    if (this.hook) this.hook(record);
    this.chunk += `${JSON.stringify(record)}\n`;
    this.count += 1;
    if (this.chunk.length >= 1 << 16) this.flush();
  }

  get needsDrain(): boolean {
    return this.blocked || this.failure !== null;
  }

  /** Resolves when the stream can take more. */
  async ready(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.blocked) return;
    await once(this.stream, 'drain');
    this.blocked = false;
  }

  async close(): Promise<void> {
    this.flush();
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }

  private flush(): void {
    if (this.chunk === '') return;
    if (!this.stream.write(this.chunk)) this.blocked = true;
    this.chunk = '';
  }
}
