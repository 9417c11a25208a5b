import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {}

/**
 * PGlite has no lock of its own: two processes on one directory silently lose
 * writes. proper-lockfile holds a lock directory whose mtime the owner keeps
 * fresh; a crashed owner's lock goes stale after `stale` ms and can be taken.
 */
export async function lockDataDir(dataDir: string, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, 'nghiemthu');
  const readme = path.join(dataDir, 'README.txt');
  if (!fs.existsSync(readme)) {
    fs.writeFileSync(readme, 'NghiemThu data directory: embedded database (pglite/) and stored files (files/). Back it up; do not edit.\n');
  }
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: `${target}.lock`,
      stale: 15_000,
      update: 5_000,
      realpath: false,
      onCompromised,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DataDirInUseError(
        `Thư mục dữ liệu ${dataDir} đang được một tiến trình NghiemThu khác sử dụng; dừng tiến trình đó hoặc đặt DATA_DIR khác.\n` +
          `The data directory ${dataDir} is in use by another NghiemThu process; stop it or set a different DATA_DIR.`,
      );
    }
    throw error;
  }
}
