import { dirname } from 'path';
import { UsageError } from '../diagnostics/usage-error';

/** What an errno from writing means to the person who ran the command. */
const CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a folder on the way is a file',
  EEXIST: 'a file is in the way',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links on the way',
  EMFILE: 'too many open files',
  EBUSY: 'it is busy (mounted, or open elsewhere)',
  EXDEV: 'the temporary copy and the target are on different file systems',
};

/**
 * A failed write is the user's environment, not a bug in ddbops: one line
 * naming the path, the cause and a fix, exit 2. Errors without an errno are
 * passed through, so real bugs still read as internal errors.
 */
export function writeFailure(e: unknown, shown: string, flag: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return e;
  const cause = CAUSES[code] ?? (e as Error).message.split('\n')[0];
  const fix = code === 'ENOSPC' || code === 'EDQUOT'
    ? 'free some space and run again; the previous output was left as it was'
    : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
      ? `make ${dirname(shown) === '.' ? 'the current folder' : `${dirname(shown)}/`} writable, or pass ${flag} a path you can write to`
      : `pass ${flag} another path`;
  return new UsageError(`cannot write ${shown}: ${cause} (${code})`, fix);
}
