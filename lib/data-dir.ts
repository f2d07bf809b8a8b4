import fs from 'node:fs';
import path from 'node:path';

/**
 * DATA_DIR holds the SQLite database (session tokens, the generated auth secret), the token
 * keys and the first admin's password file: whoever can read it can sign in as anyone. So it is
 * the owner's alone: the folder 0700, every file in it 0600. Modes are set with chmod after
 * creating, so they are exact whatever the umask.
 */

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
const GROUP_OR_OTHER = 0o077;

export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

/**
 * Creates the folder as 0700 when it is missing. Parents it has to create are 0700 too (at
 * most: the umask can only take bits away); folders that already exist keep their mode.
 */
export function ensurePrivateDir(dir: string): void {
  const firstCreated = fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (firstCreated !== undefined) fs.chmodSync(dir, PRIVATE_DIR);
}

function makePrivate(fd: number): void {
  if ((fs.fstatSync(fd).mode & 0o777) !== PRIVATE_FILE) fs.fchmodSync(fd, PRIVATE_FILE);
}

/** Creates the file empty if missing (keeping any content it has) and makes it 0600. */
export function ensurePrivateFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  const fd = fs.openSync(file, 'a', PRIVATE_FILE);
  try {
    makePrivate(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a file 0600 if it exists. */
export function tightenFileIfPresent(file: string): void {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat && (stat.mode & 0o777) !== PRIVATE_FILE) fs.chmodSync(file, PRIVATE_FILE);
}

/** Writes the whole file as 0600, whatever mode an older copy had. `isExclusive` fails with EEXIST if it exists. */
export function writePrivateFile(file: string, content: string, options: { isExclusive?: boolean } = {}): void {
  ensurePrivateDir(path.dirname(file));
  const fd = fs.openSync(file, options.isExclusive ? 'wx' : 'w', PRIVATE_FILE);
  try {
    makePrivate(fd);
    fs.writeFileSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
}

const shellQuoted = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`);

/**
 * At start-up: a DATA_DIR that other users can read or write is made private when it is ours
 * (the folder 0700, the files directly in it 0600) and the paths tightened are returned; when it
 * cannot be (it or a file in it belongs to someone else, or chmod fails), a DataDirError names
 * the folder and the command that fixes it. A missing folder is fine: it is created private
 * when first written.
 *
 * Sub-folders are left alone (they are other DATA_DIRs, such as data/e2e/sqlite, each checked
 * when its own server starts, and a 0700 parent already closes them to others), and so are the
 * folders above DATA_DIR: they are not ours to change, and a private folder stays private
 * inside a public one.
 */
export function securePrivateDir(dir: string): string[] {
  // Windows has no POSIX modes: stat reports 0666 for every file.
  if (process.platform === 'win32') return [];
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    // lstat's view: a symlink is never followed, so a link cannot aim the chmod elsewhere.
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(dir, entry.name));
  const open = [dir, ...files].filter((entry) => (fs.statSync(entry).mode & GROUP_OR_OTHER) !== 0);
  if (open.length === 0) return [];

  const uid = process.getuid?.();
  const problem = `${dir} (DATA_DIR) can be read or written by other users`;
  const consequence = 'It holds the database and keys, so start-up stopped.';
  if (open.some((entry) => fs.statSync(entry).uid !== uid)) {
    throw new DataDirError(
      `${problem}, and part of it belongs to another user, so it cannot be made private. ${consequence} ` +
        `Fix it with: sudo chown -R ${uid} ${shellQuoted(dir)} && chmod -R go-rwx ${shellQuoted(dir)}`,
    );
  }
  for (const entry of open) {
    try {
      fs.chmodSync(entry, entry === dir ? PRIVATE_DIR : PRIVATE_FILE);
    } catch (error) {
      throw new DataDirError(
        `${problem}, and making ${entry} private failed (${(error as NodeJS.ErrnoException).code ?? error}). ` +
          `${consequence} Fix it with: chmod -R go-rwx ${shellQuoted(dir)}`,
      );
    }
  }
  return open;
}
