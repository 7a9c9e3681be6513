#!/usr/bin/env node
// The cdk-webapp-patterns command: `cdk-webapp-patterns <command> [options]`. Each command is one
// entry of COMMANDS, so that further analyses of a cloud assembly can be added beside `check`.
import { ArchitectureDiagram } from './tools/architecture-diagram';
import { CostEstimate } from './tools/cost-estimate';
import { DeployReadiness } from './tools/deploy-readiness';

interface Command {
  readonly summary: string;
  readonly usage: string;
  /** Runs the command and returns the process exit code. */
  readonly run: (args: string[]) => number;
}

const COMMANDS: Record<string, Command> = {
  check: {
    summary: 'check a synthesized cloud assembly for deploy-time faults (egress, security-group paths, physical names, regions)',
    usage: 'check [cdk.out] [--json]',
    run: (args) => {
      const json = args.includes('--json');
      const report = DeployReadiness.check(directoryOf(args));
      console.log(json ? JSON.stringify(report, undefined, 2) : DeployReadiness.format(report));
      return report.findings.length === 0 ? 0 : 1;
    },
  },
  cost: {
    summary: 'estimate the monthly cost of a synthesized cloud assembly (per stack, construct and line item, idle traffic)',
    usage: 'cost [cdk.out] [--json]',
    run: (args) => {
      const report = CostEstimate.fromAssembly(directoryOf(args));
      console.log(args.includes('--json') ? JSON.stringify(report, undefined, 2) : CostEstimate.format(report));
      return 0;
    },
  },
  diagram: {
    summary: 'print the Mermaid flowchart of a synthesized cloud assembly and write it next to the templates (architecture.mmd)',
    usage: 'diagram [cdk.out]',
    run: (args) => {
      const directory = directoryOf(args);
      const file = ArchitectureDiagram.writeToAssembly(directory);
      console.log(ArchitectureDiagram.fromAssembly(directory));
      console.error(`written to ${file}`);
      return 0;
    },
  },
};

/** The assembly directory of a command's arguments (the first that is not an option), `cdk.out` by default. */
function directoryOf(args: string[]): string {
  return args.find((a) => !a.startsWith('--')) ?? 'cdk.out';
}

function usage(): string {
  return ['usage: cdk-webapp-patterns <command> [options]', '', 'commands:',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(28)} ${c.summary}`)].join('\n');
}

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export function runCli(argv: string[]): number {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    console.error(name === undefined || name === '--help' ? usage() : `unknown command '${name}'\n\n${usage()}`);
    return name === '--help' ? 0 : 2;
  }
  try {
    return command.run(args);
  } catch (e) {
    console.error(`cdk-webapp-patterns ${name}: ${(e as Error).message}`);
    return 2;
  }
}

if (require.main === module) process.exitCode = runCli(process.argv.slice(2));
