import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { isReadOnlyError } from '../api/dispatcher.js';
import { agreementCommand } from './agreement-command.js';
import { annotatorsCommand } from './annotators-command.js';
import { assignCommand } from './assign-command.js';
import { doneCommand } from './done-command.js';
import { dedupeCommand } from './dedupe-command.js';
import { entitiesCommand } from './entities-command.js';
import { exportCommand } from './export-command.js';
import { importCommand } from './import-command.js';
import { labelsCommand } from './labels-command.js';
import { searchCommand } from './search-command.js';
import { serveCommand } from './serve-command.js';
import { statsCommand } from './stats-command.js';
import { suggestCommand } from './suggest-command.js';
import { tagCommand } from './tag-command.js';
import { teamCommand } from './team-command.js';
import { syncCommand } from './sync-command.js';
import { endQuietlyWhenOutputCloses, isClosedPipe, warn } from './options.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the `marginalia` program with every command. */
export function buildProgram(): Command {
  const program = new Command('marginalia')
    .description('Marginalia: turn a pile of documents into a labelled dataset.\nOffsets in every output are Unicode code points, end exclusive.')
    .version(packageVersion())
    .option('--debug', 'show stack traces for errors')
    .showHelpAfterError('(add --help for usage)');
  for (const command of [
    importCommand(),
    exportCommand(),
    statsCommand(),
    searchCommand(),
    labelsCommand(),
    dedupeCommand(),
    suggestCommand(),
    tagCommand(),
    serveCommand(),
    teamCommand(),
    syncCommand(),
  ]) {
    program.addCommand(command);
  }
  program.addCommand(entitiesCommand());
  program.addCommand(agreementCommand());
  program.addCommand(annotatorsCommand());
  program.addCommand(assignCommand());
  program.addCommand(doneCommand());
  program.commands.forEach((command) => command.exitOverride());
  program.exitOverride();
  return program;
}

/**
 * Runs the command line and returns the exit status: 0 success, 1 bad input or a
 * failed operation, 2 a usage error. Errors are one line unless --debug is given.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  endQuietlyWhenOutputCloses();
  try {
    process.exitCode = undefined;
    await program.parseAsync([...argv], { from: 'user' });
    const status = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return status;
  } catch (error) {
    // A reader that stopped early is not a failure of the command (the pipe's listener usually ends it first).
    if (isClosedPipe(error)) return typeof process.exitCode === 'number' ? process.exitCode : 0;
    if (error instanceof CommanderError) {
      // Help and version end here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isReadOnlyError(error)) {
      warn('marginalia: the project cannot be written (its file, folder or disk is read-only), and this command changes it; commands that only read it (stats, search, export, agreement, entities) still work');
      return 1;
    }
    if (debug && error instanceof Error) warn(error.stack ?? error.message);
    else warn(`marginalia: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) return 2;
    return 1;
  }
}
