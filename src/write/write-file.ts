import { mkdirSync, renameSync, rmSync, writeFileSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';

/**
 * Writes one file atomically: a sibling temp file renamed over the target, so
 * a reader sees the old file or the new one, never half of it. The file gets
 * the usual 0666-minus-umask mode.
 */
export function writeFileAtomically(path: string, content: string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
