import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { openProject } from '../store/connection.js';
import { joinTeam, publishProject, type TeamStartReport } from '../team-client/publish-join.js';
import { syncProject } from '../team-client/sync-run.js';
import { syncSummary } from '../team-client/sync-summary.js';
import type { TeamServer } from '../team-client/team-http.js';
import { countOf } from '../../shared/plural.js';
import { say, warn } from './options.js';

/** The token from --token, else from MARGINALIA_TEAM_TOKEN (which keeps it out of the shell's history). */
function tokenOf(option: string | undefined): string {
  const token = option ?? process.env.MARGINALIA_TEAM_TOKEN;
  if (!token) throw new UsageError('a token is needed: --token T, or MARGINALIA_TEAM_TOKEN');
  return token;
}

function startSummary(verb: string, report: TeamStartReport): string {
  return `${verb} as ${report.member.name} (${report.member.role}) of ${report.member.project}: ${countOf(report.documents, 'document')}; ${syncSummary(report.sync)}`;
}

/** Runs `work` with Ctrl+C stopping it at the next batch boundary. */
async function interruptibly<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', cancel);
  }
}

/** `marginalia sync --db FILE`: pushes what was changed here, pulls what others changed. */
export function syncCommand(): Command {
  return new Command('sync')
    .description("exchange changes with the project's team server: push what was changed here, pull what others changed")
    .requiredOption('--db <file>', 'project file (one that joined or published a team project)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nSafe to interrupt and run again: nothing is sent or applied twice.\nExit status: 0 when in step, 1 when the server could not be reached or refused.')
    .action(async (opts: { db: string; json?: boolean }) => {
      const db = openProject(opts.db, { mustExist: true });
      try {
        const report = await interruptibly((signal) => syncProject(db, { signal }));
        say(opts.json ? JSON.stringify(report, null, 2) : syncSummary(report));
        if (report.cancelled) process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}

/** `marginalia team publish` and `marginalia team join`, for the `team` command. */
export function teamClientCommands(): Command[] {
  const publish = new Command('publish')
    .description('upload a project to a team server (its documents, labels, annotators, assignments and spans); leads only')
    .requiredOption('--db <file>', 'project file to publish; it syncs with the team from then on')
    .requiredOption('--team <url>', 'the team server, e.g. https://team.example.org')
    .option('--token <token>', 'your token (or set MARGINALIA_TEAM_TOKEN)')
    .action(async (opts: { db: string; team: string; token?: string }) => {
      const server: TeamServer = { url: opts.team, token: tokenOf(opts.token) };
      const db = openProject(opts.db, { mustExist: true });
      try {
        const report = await interruptibly((signal) => publishProject(db, server, { signal }));
        say(startSummary('published', report));
        if (report.sync.cancelled) process.exitCode = 1;
      } finally {
        db.close();
      }
    });
  const join = new Command('join')
    .description('make a local project from a team server: the documents assigned to you (all of them for a curator or lead) and the work on them')
    .argument('<url>', 'the team server')
    .requiredOption('--db <file>', 'the new project file')
    .option('--token <token>', 'your token (or set MARGINALIA_TEAM_TOKEN)')
    .action(async (url: string, opts: { db: string; token?: string }) => {
      const report = await interruptibly((signal) => joinTeam(opts.db, { url, token: tokenOf(opts.token) }, { signal }));
      say(startSummary('joined', report));
      if (report.sync.cancelled) {
        warn('interrupted; run the same command again to finish');
        process.exitCode = 1;
      }
    });
  return [publish, join];
}
