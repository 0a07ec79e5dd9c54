/** Errors every store throws, so the core can tell users what happened without knowing which store runs. */

/** The store cannot be reached right now (database down, connection lost twice); the turn was not saved. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The store's data file is unreadable or not in the expected shape; the file is left untouched. */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
  /** The file that could not be loaded. */
  readonly file: string;
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(
      `deskbot data file ${file} is corrupt: ${problem}. ` +
        'deskbot has not changed it. To recover, restore it from a backup (or fix it by hand), ' +
        'or move it aside to start with an empty store.',
      options,
    );
    this.file = file;
  }
}

/** The data directory is already used by another running deskbot process (or by another store in this one). */
export class StoreInUseError extends Error {
  override readonly name = 'StoreInUseError';
  constructor(message: string) {
    super(message);
  }
}

/** A commit gave a case an id that belongs to another case; nothing of the commit was saved. Draw a new id and commit again. */
export class CaseIdTakenError extends Error {
  override readonly name = 'CaseIdTakenError';
  /** The ids that are taken. */
  readonly caseIds: string[];
  constructor(caseIds: string[]) {
    super(`case id ${caseIds.join(', ')} already belongs to another case; nothing of this commit was saved`);
    this.caseIds = caseIds;
  }
}

/** A write asked of a store opened read-only (a command reading a lowdb folder while the bot runs on it). */
export class StoreReadOnlyError extends Error {
  override readonly name = 'StoreReadOnlyError';
  constructor(what: string) {
    super(`${what} needs the data folder to itself: this command opened it read-only, beside the running bot`);
  }
}
