import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { TEAM_ROLES, type TeamRole } from '../../../shared/sync.js';
import { ConflictError, NotFoundError, UserError } from '../../errors.js';
import type { Queryable } from '../database.js';

/** The owner of adjudicated spans: no member may carry this name, or their spans would be taken for the team's decisions. */
export const ADJUDICATED_OWNER = 'adjudicated';

export interface Member {
  readonly name: string;
  readonly role: TeamRole;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** A member as the server knows them once their token has been checked. */
export interface Caller {
  readonly name: string;
  readonly role: TeamRole;
}

const MemberName = z
  .string()
  .trim()
  .min(1, 'a member needs a name')
  .max(80, 'a member name has at most 80 characters')
  .refine((name) => name !== ADJUDICATED_OWNER, `"${ADJUDICATED_OWNER}" is the owner of adjudicated spans, not a member name`);

/** SHA-256 of a token, hex: all the database keeps of it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new token: 32 random bytes, base64url, so it fits a header without escaping. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

interface MemberRow {
  name: string;
  role: TeamRole;
  created_at: Date;
  revoked_at: Date | null;
}

function memberOf(row: MemberRow): Member {
  return { name: row.name, role: row.role, createdAt: row.created_at.toISOString(), revokedAt: row.revoked_at?.toISOString() ?? null };
}

/**
 * Adds a member and returns their token, the only time it exists outside their
 * hands: the database keeps its hash. A revoked member may be added again; they
 * get a new token (and the role given now).
 */
export async function addMember(db: Queryable, input: { name: string; role: TeamRole }): Promise<{ member: Member; token: string }> {
  const parsedName = MemberName.safeParse(input.name);
  if (!parsedName.success) throw new UserError(parsedName.error.issues[0]?.message ?? 'not a member name');
  if (!(TEAM_ROLES as readonly string[]).includes(input.role)) throw new UserError(`a role is one of ${TEAM_ROLES.join(', ')}, not "${input.role}"`);
  const name = parsedName.data;
  const token = newToken();
  const { rows } = await db.query<MemberRow>(
    `INSERT INTO members (name, role, token_hash) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET role = excluded.role, token_hash = excluded.token_hash, created_at = now(), revoked_at = NULL
       WHERE members.revoked_at IS NOT NULL
     RETURNING name, role, created_at, revoked_at`,
    [name, input.role, tokenHash(token)],
  );
  const row = rows[0];
  if (row === undefined) throw new ConflictError(`"${name}" is already a member; revoke them first to give them a new token`);
  return { member: memberOf(row), token };
}

/** Revokes a member's token: their requests are refused from now on, their records stay. */
export async function revokeMember(db: Queryable, name: string): Promise<Member> {
  const { rows } = await db.query<MemberRow>(
    `UPDATE members SET revoked_at = coalesce(revoked_at, now()) WHERE name = $1 RETURNING name, role, created_at, revoked_at`,
    [name.trim()],
  );
  const row = rows[0];
  if (row === undefined) throw new NotFoundError(`no member is named "${name}"`);
  return memberOf(row);
}

/** Every member, revoked ones included, by name. */
export async function listMembers(db: Queryable): Promise<readonly Member[]> {
  const { rows } = await db.query<MemberRow>('SELECT name, role, created_at, revoked_at FROM members ORDER BY name');
  return rows.map(memberOf);
}

/** The member a bearer token belongs to, or null for an unknown or revoked token. */
export async function authenticate(db: Queryable, token: string): Promise<Caller | null> {
  if (token === '') return null;
  const { rows } = await db.query<{ name: string; role: TeamRole }>('SELECT name, role FROM members WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash(token)]);
  return rows[0] ?? null;
}
