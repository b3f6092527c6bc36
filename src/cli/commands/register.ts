/**
 * The declarations of `concord analyze …`, `concord extract` and `concord statements …`: options
 * and help only. Each action imports its implementation (./analyze.ts, ./statements.ts) when it
 * runs, so that `--help` and the other commands do not load the analytics or the extractor.
 */
import { Option, type Command } from 'commander';
import { METHOD_IDS } from '../../core/analytics/types.ts';
import { UNGA_GROUP_ID } from '../../server/unvotes/group.ts';
import { out, withStore } from '../shared.ts';
import type { AgreementFlags, BridgingFlags, MatrixFlags } from './analyze.ts';
import type { CheckOpts, ExtractOpts } from './statements.ts';

function filters(c: Command): Command {
  return c
    .option('--basis-file <file>', 'only these roll calls (source keys / rcids), one per line')
    .option('--from <date>', 'issues dated on or after YYYY-MM-DD')
    .option('--to <date>', 'issues dated on or before YYYY-MM-DD')
    .option('--category <code>', 'issues with this category (UN: me, nu, di, hr, co, ec)')
    .option('--important', 'important votes only (UN importantvote = 1)')
    .option('--group <wgId>', `working group (default: ${UNGA_GROUP_ID}, when the UN roll calls are imported)`)
    .option('--as-of <date>', 'positions in force on YYYY-MM-DD (default: all recorded)')
    .option('--json', 'one JSON object per line')
    .option('--csv', 'CSV with a header line');
}

const methodList = METHOD_IDS.join(', ');

export function registerAnalyze(program: Command): void {
  // `concord import unvotes DIR` shares the `import <file>` command (see main.ts).
  const imp = program.commands.find((c) => c.name() === 'import');
  if (imp) {
    imp
      .allowExcessArguments(true)
      .usage('<file> | unvotes <dir>')
      .description(
        'Load a bundle into an empty store (the audit chain is restored and verified); or `import unvotes DIR`: the UN General Assembly roll calls (1946–2019) as group "unga", idempotently',
      );
  }

  const analyze = program
    .command('analyze')
    .description(
      "Alignment figures over positions (an operator's tool: reads every position in the store, as no user; the API applies visibility).\n" +
        `Methods: ${methodList}. Every figure carries its method and n.`,
    );

  filters(
    analyze
      .command('agreement')
      .description('Agreement of two parties (or organisations) per window')
      .requiredOption('--a <party>', 'party code (US), name ("South Korea") or organisation (MOU, KR/MOU); the reference for State Dept. methods')
      .requiredOption('--b <party>', 'the other party or organisation')
      .requiredOption('--method <method>', methodList)
      .addOption(new Option('--by <window>', 'one figure per calendar year or UNGA session (default: one over everything)').choices(['year', 'session'])),
  ).action(async (o: AgreementFlags) => {
    const { analyzeAgreement, formatAgreement, format } = await import('./analyze.ts');
    await withStore(async (store) => out(formatAgreement(await analyzeAgreement(store, o), format(o))));
  });

  filters(analyze.command('matrix').description('Every pair of parties (or organisations) on one method').requiredOption('--method <method>', methodList)).action(async (o: MatrixFlags) => {
    const { analyzeMatrix, formatMatrix, format } = await import('./analyze.ts');
    await withStore(async (store) => out(formatMatrix(await analyzeMatrix(store, o), format(o))));
  });

  filters(
    analyze
      .command('bridging')
      .description('The issues that most unite and most divide two sides (Polis group-aware consensus)')
      .requiredOption('--group-a <codes>', 'side A, comma-separated (e.g. US,GB,FR)')
      .requiredOption('--group-b <codes>', 'side B, comma-separated (e.g. CN,RU)')
      .option('--top <n>', 'length of each list', '10'),
  ).action(async (o: BridgingFlags) => {
    const { analyzeBridging, formatBridging, format } = await import('./analyze.ts');
    await withStore(async (store) => out(formatBridging(await analyzeBridging(store, o), format(o))));
  });
}

export function registerStatements(program: Command): void {
  program
    .command('extract')
    .argument('[files...]', 'articles to read: plain text, HTML, or RSS/Atom feeds (- for standard input)')
    .description('Print the candidate statements Concord would propose from articles (nothing is stored)')
    .option('--json', 'print JSON instead of a table')
    .option('--date <YYYY-MM-DD>', "the articles' date (feed items carry their own)")
    .option('--url <url>', "the articles' source URL")
    .addOption(new Option('--format <format>', 'how to read the files').choices(['auto', 'text', 'html', 'rss', 'atom']).default('auto'))
    .addOption(new Option('--lang <code>', 'language of the articles (auto: Korean when Hangul is at least 30% of the letters)').choices(['auto', 'en', 'ko']).default('auto'))
    .option('--resolve', 'resolve speakers against the people and organisations in the store (DATABASE_URL)')
    .option(
      '--eval <dir>',
      'score the extractor on a labelled directory (<case>.json + <case>.txt, optional _directory.json; subdirectories such as heldout/ and ko/ scored apart, per language): precision, recall, F1',
    )
    .option('--details', 'with --eval: per-case results')
    .action(async (files: string[], o: ExtractOpts) => (await import('./statements.ts')).extractCommand(files, o));

  const statements = program.command('statements').description('Public statements');
  statements
    .command('check')
    .description(
      "Message-discipline findings: statements against their side's positions, agreed lines, the counterpart and other ministries (operator's system view of every record, run on the server)",
    )
    .option('--group <id>', 'only the issues of this working group')
    .option('--since <YYYY-MM-DD>', 'statements said on or after this date')
    .option('--until <YYYY-MM-DD>', 'statements said on or before this date')
    .option('--all', 'list consistent comparisons too')
    .option('--json', 'print JSON (findings with both passages, summary, trend)')
    .action(async (o: CheckOpts) => (await import('./statements.ts')).checkCommand(o));
}
