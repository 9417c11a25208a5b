/**
 * A problem an administrator must act on (a damaged copy, a non-empty target,
 * a backup from a newer version). The message is Vietnamese then English, the
 * way the CLI prints every other refusal, so it reads well on a console and in
 * a log without a language switch.
 */
export class BackupError extends Error {
  constructor(vi: string, en: string) {
    super(`${vi}\n${en}`);
    this.name = 'BackupError';
  }
}
