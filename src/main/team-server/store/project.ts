import { UserError } from '../../errors.js';
import type { Queryable } from '../database.js';

/** The project's name, as /v1/whoami tells laptops. */
export async function projectName(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM project');
  return rows[0]?.name ?? '';
}

/** Names the project (`team serve --project-name`). */
export async function setProjectName(db: Queryable, name: string): Promise<void> {
  const trimmed = name.trim();
  if (trimmed === '') throw new UserError('the project name is empty');
  await db.query('UPDATE project SET name = $1', [trimmed]);
}

/** The server's clock: a hybrid logical clock at least as late as every one it has received. */
export async function serverClock(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ hlc: string }>('SELECT hlc FROM project');
  return rows[0]?.hlc ?? '000000000000-0000-server';
}
