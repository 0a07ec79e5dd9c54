/**
 * Turns a file system error met while opening the data directory into one line for the operator: which path,
 * what is wrong with it, and what to do. A raw error and its stack tell an operator none of that.
 */
import { StoreUnavailableError } from './errors.js';

const CHOOSE_ANOTHER = 'or choose another folder with --data or DESKBOT_DATA_DIR';

/** The advice for each error code deskbot can meet on a data directory it cannot use. */
const ADVICE: Record<string, (path: string) => string> = {
  EROFS: (path) => `${path} is on a read-only file system. Mount it read-write, ${CHOOSE_ANOTHER}.`,
  ENOSPC: (path) => `the disk is full (writing ${path}). Free some space on it, ${CHOOSE_ANOTHER}.`,
  EDQUOT: (path) => `the disk quota is used up (writing ${path}). Free some space or raise the quota, ${CHOOSE_ANOTHER}.`,
  EISDIR: (path) => `${path} is a folder, where deskbot keeps a file. Move that folder out of the way, then start deskbot again.`,
  ENOTDIR: (path) => `${path} is a file, where deskbot needs a folder. Move that file out of the way, ${CHOOSE_ANOTHER}.`,
  EEXIST: (path) => `${path} is a file, where deskbot needs a folder. Move that file out of the way, ${CHOOSE_ANOTHER}.`,
  EACCES: (path) => `permission denied on ${path}. Give the user running deskbot (${whoAmI()}) read and write access to it, ${CHOOSE_ANOTHER}.`,
  EPERM: (path) => `permission denied on ${path}. Give the user running deskbot (${whoAmI()}) read and write access to it, ${CHOOSE_ANOTHER}.`,
};

/** StoreUnavailableError with one operator line for a file system error on dir; any other error is returned as it is. */
export function explainDataDirError(err: unknown, dir: string): unknown {
  const { code, path } = (err ?? {}) as NodeJS.ErrnoException;
  const advice = code === undefined ? undefined : ADVICE[code];
  if (!advice) return err;
  return new StoreUnavailableError(`cannot use the data directory ${dir} (${code}): ${advice(path ?? dir)}`, { cause: err });
}

function whoAmI(): string {
  return typeof process.getuid === 'function' ? `uid ${process.getuid()}` : 'this user';
}
