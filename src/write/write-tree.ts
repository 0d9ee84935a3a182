import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from './output-guard';

/**
 * Replaces `outDir` with exactly `files` plus the output marker, atomically:
 * everything is written to a sibling staging folder and swapped in with
 * renames, so a crash or a failed run leaves the previous tree intact.
 * Folders and files get the usual modes (0777/0666 minus the umask).
 *
 * Callers check the target with `guardTreeOutput` first: this replaces
 * whatever is there.
 */
export function writeTreeAtomically(outDir: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // Not mkdtemp: it creates 0700 folders, and the swapped-in tree would keep that mode.
  const staging = join(parent, `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(staging);
    writeFileSync(join(staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
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
