import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

/** Reads one resource file of a data set (`<dir>/<system>/<resource>.ndjson`); a missing file is an empty resource. */
export async function readResource<T>(dir: string, system: string, resource: string): Promise<T[]> {
  const file = join(dir, system, `${resource}.ndjson`);
  if (!existsSync(file)) return [];
  const out: T[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      throw new Error(`${file}:${n}: not valid JSON`);
    }
  }
  return out;
}
