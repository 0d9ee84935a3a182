/**
 * The one atomic writer: every file and tree ddbops writes is built next to
 * its target under a temporary name and renamed into place, so a reader, a
 * crash or a failed run sees the old output or the new one, never half of it.
 * Files and folders get the usual modes (0666/0777 minus the umask).
 *
 * Callers check the target with output-guard.ts first: this replaces whatever
 * is there.
 */
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from './output-guard';

/** A sibling of `target` no one else uses: hidden, and unique to this process and call. */
function stagingPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Writes `staging` with `fill`, then renames it over `target` with `swap`; removes what it made when either fails. */
function replace(target: string, fill: (staging: string) => void, swap: (staging: string) => void): void {
  mkdirSync(dirname(target), { recursive: true });
  const staging = stagingPath(target);
  try {
    fill(staging);
    swap(staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** Writes one file atomically: one rename, which replaces a file in one step. */
export function writeFileAtomically(path: string, content: string): void {
  const target = resolve(path);
  replace(target, (staging) => writeFileSync(staging, content), (staging) => renameSync(staging, target));
}

/**
 * Replaces `outDir` with exactly `files` (relative path → content) plus the
 * output marker. A folder cannot be renamed over another, so the old one is
 * moved aside first and put back if the new one cannot take its place.
 */
export function writeTreeAtomically(outDir: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(outDir);
  replace(target, (staging) => {
    // Not mkdtemp: it creates 0700 folders, and the swapped-in tree would keep that mode.
    mkdirSync(staging);
    writeFileSync(join(staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
    for (const [rel, content] of files) {
      mkdirSync(dirname(join(staging, rel)), { recursive: true });
      writeFileSync(join(staging, rel), content);
    }
  }, (staging) => {
    const old = `${staging}-old`;
    const hadOld = existsSync(target);
    if (hadOld) renameSync(target, old);
    try {
      renameSync(staging, target);
    } catch (e) {
      if (hadOld) renameSync(old, target);
      throw e;
    }
    if (hadOld) rmSync(old, { recursive: true, force: true });
  });
}
