// Operator commands run against the service's own database: its configuration, its services, errors as exit codes.
import { type Config, readConfig } from '../config.js';
import { AppError } from '../services/errors.js';
import { type Services, createServices } from '../services/index.js';
import { openDatabase } from '../store/db.js';

/** The service configuration, with the database file from `--db` when given (else SANHEYI_DB, else the default). */
export function configFor(dbFlag: string | undefined): Config {
  return readConfig(dbFlag ? { ...process.env, SANHEYI_DB: dbFlag } : process.env);
}

/** Writes one line to standard output. */
export function out(line: string): void {
  process.stdout.write(line + '\n');
}

/**
 * Opens the database (migrated), runs `body` with the services and returns its exit code. An AppError (bad input,
 * nothing found) is printed as `错误：…` and gives 1; the database is closed either way.
 */
export async function withServices(dbFlag: string | undefined, body: (services: Services) => Promise<number> | number): Promise<number> {
  const config = configFor(dbFlag);
  const db = openDatabase(config.dbFile, { synchronous: config.synchronous });
  try {
    const services = createServices({ db, scrypt: config.scrypt, auditKeyFile: config.auditKeyFile });
    const code = await body(services);
    services.stores.audit.anchorNow();
    return code;
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`错误：${e.detail}\n`);
      return 1;
    }
    throw e;
  } finally {
    db.close();
  }
}

/** Says that `action` is not one of the command's and prints its usage; exit code 2. */
export function unknownAction(action: string | undefined, usage: string): number {
  process.stderr.write(`未知的操作“${action ?? ''}”\n\n${usage}`);
  return 2;
}
