import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';
import { TEAM_ROLES, type TeamRole } from '../../shared/sync.js';
import { UsageError, UserError, messageOf } from '../errors.js';
import { openTeamPool, unreachable } from '../team-server/database.js';
import { startTeamServer } from '../team-server/http/server.js';
import { checkTransport } from '../team-server/http/transport.js';
import { migrateTeamDatabase } from '../team-server/migrate.js';
import { addMember, listMembers, revokeMember } from '../team-server/store/members.js';
import { setProjectName } from '../team-server/store/project.js';
import { parsePort, say } from './options.js';
import { teamClientCommands } from './sync-command.js';

const DATABASE_ENV = 'MARGINALIA_TEAM_DATABASE';

interface DatabaseOption {
  database?: string;
}

function parseRole(value: string): TeamRole {
  if ((TEAM_ROLES as readonly string[]).includes(value)) return value as TeamRole;
  throw new InvalidArgumentError(`expected ${TEAM_ROLES.join(', ')}`);
}

function databaseUrl(opts: DatabaseOption): string {
  const url = opts.database ?? process.env[DATABASE_ENV];
  if (url === undefined || url === '') throw new UsageError(`give the team database as --database postgres://… (or in ${DATABASE_ENV})`);
  return url;
}

/** Opens the team database, brings its schema up to date, runs `work`, and closes it. */
async function withTeamDatabase<T>(opts: DatabaseOption, work: (pool: Pool) => Promise<T>): Promise<T> {
  const url = databaseUrl(opts);
  const pool = openTeamPool(url);
  try {
    try {
      await migrateTeamDatabase(pool);
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw unreachable(url, error);
    }
    return await work(pool);
  } finally {
    await pool.end();
  }
}

const databaseHelp = `the team's PostgreSQL database, postgres://USER[:PASSWORD]@HOST[:PORT]/NAME (default: $${DATABASE_ENV})`;

interface ServeOptions extends DatabaseOption {
  host: string;
  port: number;
  cert?: string;
  key?: string;
  behindTlsProxy?: boolean;
  projectName?: string;
}

function serveCommand(): Command {
  return new Command('serve')
    .description('serve the team: laptops push their changes and pull everyone\'s (docs/team-server.md)')
    .option('--database <url>', databaseHelp)
    .option('--host <address>', 'address to listen on; any but loopback needs --cert/--key or --behind-tls-proxy', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free one)', parsePort, 0)
    .option('--cert <file>', 'TLS certificate (PEM): serve HTTPS')
    .option('--key <file>', 'TLS private key (PEM)')
    .option('--behind-tls-proxy', 'a proxy in front of the server does TLS: allow plain HTTP on any address')
    .option('--project-name <name>', 'the project\'s name, as laptops are told')
    .action(async (opts: ServeOptions) => {
      if ((opts.cert === undefined) !== (opts.key === undefined)) throw new UsageError('--cert and --key go together');
      checkTransport({ host: opts.host, tls: opts.cert !== undefined, behindTlsProxy: opts.behindTlsProxy === true });
      const tls = opts.cert !== undefined && opts.key !== undefined ? { cert: readPem(opts.cert, '--cert'), key: readPem(opts.key, '--key') } : undefined;
      await withTeamDatabase(opts, async (pool) => {
        if (opts.projectName !== undefined) await setProjectName(pool, opts.projectName);
        const server = await startTeamServer({ pool, host: opts.host, port: opts.port, tls, behindTlsProxy: opts.behindTlsProxy === true });
        say(`listening on ${server.url}`);
        await new Promise<void>((done) => {
          const stop = (): void => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void server.close().then(done);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      });
    });
}

function readPem(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${path} (${messageOf(error)})`);
  }
}

function userCommand(): Command {
  const user = new Command('user').description('the team\'s members: add (prints their token once), revoke, list');
  user
    .command('add')
    .description('add a member and print their token, which is not shown again')
    .argument('<name>', 'the member\'s name, as their spans are signed')
    .option('--database <url>', databaseHelp)
    .option('--role <role>', `${TEAM_ROLES.join(', ')}`, parseRole, 'annotator' as TeamRole)
    .action(async (name: string, opts: DatabaseOption & { role: TeamRole }) => {
      await withTeamDatabase(opts, async (pool) => {
        const { member, token } = await addMember(pool, { name, role: opts.role });
        say(`added ${member.name} (${member.role}); their token:`);
        say(token);
        say('Give it to them now: it will not be shown again (only its hash is kept).');
      });
    });
  user
    .command('revoke')
    .description('refuse a member\'s token from now on (their records stay)')
    .argument('<name>', 'the member\'s name')
    .option('--database <url>', databaseHelp)
    .action(async (name: string, opts: DatabaseOption) => {
      await withTeamDatabase(opts, async (pool) => {
        const member = await revokeMember(pool, name);
        say(`revoked ${member.name}`);
      });
    });
  user
    .command('list')
    .description('list the members with their roles')
    .option('--database <url>', databaseHelp)
    .option('--json', 'print JSON')
    .action(async (opts: DatabaseOption & { json?: boolean }) => {
      await withTeamDatabase(opts, async (pool) => {
        const members = await listMembers(pool);
        if (opts.json) {
          say(JSON.stringify(members, null, 2));
          return;
        }
        if (members.length === 0) say('(no members)');
        for (const member of members) {
          say(`${member.name.padEnd(20)} ${member.role.padEnd(9)} since ${member.createdAt.slice(0, 10)}${member.revokedAt === null ? '' : `, revoked ${member.revokedAt.slice(0, 10)}`}`);
        }
      });
    });
  user.commands.forEach((command) => command.exitOverride());
  return user;
}

export function teamCommand(): Command {
  const team = new Command('team').description('the team server on PostgreSQL: serve it, manage its members, publish a project to it and join one (docs/team-server.md)');
  team.addCommand(serveCommand());
  team.addCommand(userCommand());
  for (const command of teamClientCommands()) team.addCommand(command);
  team.commands.forEach((command) => command.exitOverride());
  return team;
}
