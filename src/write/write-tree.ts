import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';

/**
 * Replaces `outDir` with exactly `files`, atomically: everything is written
 * to a sibling temp folder first and swapped in with renames, so a crash or
 * a failed run leaves the previous tree intact.
 */
export function writeTreeAtomically(outDir: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  try {
    for (const [rel, content] of files) {
      const file = join(staging, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const old = `${staging}-old`;
  const hadOld = existsSync(target);
  if (hadOld) renameSync(target, old);
  try {
    renameSync(staging, target);
  } catch (e) {
    if (hadOld) renameSync(old, target);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}
