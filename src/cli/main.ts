import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Command, CommanderError, Option } from 'commander';
import { CLASSIFICATIONS } from '../core/vocabulary.ts';
import type { Checkpoint } from '../server/audit/checkpoint.ts';
import { CliError, EXIT, out, withStore } from './shared.ts';
import { registerAnalyze, registerStatements } from './commands/register.ts';
import pkg from '../../package.json' with { type: 'json' };

/*
 * The `concord` program. Each command's action imports what it uses when it runs: `--help`,
 * `--version` and a usage error load commander and this file's few imports, not the server.
 */

export { CliError, EXIT, out, withStore };

/** Builds the `concord` program; `run` parses argv and maps failures to exit codes. */
export function buildProgram(): Command {
  const program = new Command('concord')
    .description(
      'Concord: run policy-coordination working groups and measure the gap between the parties.\nThe store is chosen by DATABASE_URL (postgres://…, sqlite:PATH; unset = ./data/concord.db).',
    )
    .version(pkg.version, '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('Serve the API and the web app (migrates the store first)')
    .addOption(new Option('-p, --port <port>', 'port to listen on; the next free one is taken if busy').env('PORT').default('8080'))
    .addOption(new Option('--host <host>', 'address to bind').env('HOST').default('127.0.0.1'))
    .option('--demo-if-empty', 'load the demo scenario when the store is empty')
    .option('--users-only-if-empty', "load only the demo's users and reference data (no groups, no record) when the store is empty")
    .addOption(new Option('--log', 'kept for old scripts: the server always logs (LOG_LEVEL sets how much)').hideHelp())
    .action(async (opts: { port: string; host: string; demoIfEmpty?: boolean; usersOnlyIfEmpty?: boolean }) => {
      if (opts.demoIfEmpty && opts.usersOnlyIfEmpty) throw new CliError('--demo-if-empty and --users-only-if-empty exclude each other', EXIT.usage);
      const { serve } = await import('./serve.ts');
      await serve({ port: Number(opts.port), host: opts.host, demoIfEmpty: Boolean(opts.demoIfEmpty), usersOnlyIfEmpty: Boolean(opts.usersOnlyIfEmpty) });
    });

  program
    .command('migrate')
    .description('Bring the store schema up to date')
    .action(async () => {
      const { migrateToLatest } = await import('../server/db/database.ts');
      await withStore(
        async (store) => {
          const applied = await migrateToLatest(store.db);
          out(applied.length ? `Applied ${applied.join(', ')} to ${store.location}` : `${store.location} is up to date`);
        },
        { migrate: false, create: true },
      );
    });

  program
    .command('demo')
    .description('Load the demo scenario (the ROK–US working groups) into an empty store')
    .option('--users-only', "only the demo's users and reference data: parties, organisations, people; no groups, no record")
    .action(async (opts: { usersOnly?: boolean }) => {
      const { isEmpty } = await import('../server/db/database.ts');
      await withStore(
        async (store) => {
          if (!(await isEmpty(store.db))) throw new CliError(`${store.location} is not empty; the demo loads only into an empty store`);
          const { loadDemo } = await import('../server/demo/load.ts');
          const { usersOnlyScenario } = await import('../server/demo/scenario.ts');
          const { counts } = await loadDemo(store, opts.usersOnly ? usersOnlyScenario() : undefined);
          out(
            `Loaded the demo into ${store.location}: ${Object.entries(counts)
              .filter(([, n]) => n)
              .map(([t, n]) => `${n} ${t}`)
              .join(', ')}`,
          );
        },
        { create: true },
      );
    });

  program
    .command('export')
    .argument('<file>', 'where to write the bundle (- for standard output)')
    .description('Write the whole store to one JSON bundle, from one consistent snapshot, with its SHA-256')
    .action(async (file: string) => {
      const { exportBundle } = await import('../server/store/bundle.ts');
      await withStore(async (store) => {
        if (file === '-') {
          await exportBundle(store, process.stdout);
          return;
        }
        // Written beside the target and renamed once complete: a failed export leaves no partial bundle.
        const partial = `${file}.partial`;
        const sink = createWriteStream(partial);
        try {
          await once(sink, 'open');
          const r = await exportBundle(store, sink);
          sink.end();
          await finished(sink);
          await rename(partial, file);
          out(`Exported ${store.location} to ${file} (${r.bytes} bytes, sha256 ${r.sha256})`);
        } catch (e) {
          sink.destroy();
          await rm(partial, { force: true });
          throw e;
        }
      });
    });

  program
    .command('import')
    .argument('<file>', 'a bundle written by `concord export`')
    .option('--accept-unhashed', 'accept a version-1 bundle, which carries no hashes')
    .option('--sha256 <hex>', 'refuse the bundle unless its SHA-256 is this one (as export printed it)')
    .description('Load a bundle into an empty store (every row, the audit chain and the hashes are checked; nothing is written if any check fails)')
    .action(async (file: string, opts: { acceptUnhashed?: boolean; sha256?: string }, cmd: Command) => {
      if (file === 'unvotes') {
        const { importUnvotesCli } = await import('./commands/analyze.ts');
        return importUnvotesCli(cmd.args.slice(1));
      }
      if (cmd.args.length > 1) throw new CliError(`import takes one bundle file (or: import unvotes DIR)`, EXIT.usage);
      const { importBundle } = await import('../server/store/bundle.ts');
      let input: ReturnType<typeof createReadStream>;
      try {
        input = createReadStream(file);
        await once(input, 'open');
      } catch {
        throw new CliError(`Cannot read ${file}`);
      }
      await withStore(
        async (store) => {
          try {
            const r = await importBundle(store, input, { acceptUnhashed: Boolean(opts.acceptUnhashed), expectSha256: opts.sha256 });
            out(
              `Imported ${Object.values(r.rows).reduce((a, b) => a + b, 0)} rows into ${store.location}${r.sha256 ? ` (bundle sha256 ${r.sha256} checked)` : ' (a version-1 bundle: no hash to check)'}`,
            );
          } catch (e) {
            throw new CliError(`${file}: ${(e as Error).message}; nothing was imported`);
          } finally {
            input.destroy();
          }
        },
        { create: true },
      );
    });

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Recompute the hash chain and name the first event that does not match (exit 3)')
    .option('--checkpoint <file>', 'also check the chain against a signed checkpoint: fails when events up to it were removed, changed or re-chained')
    .action(async (o: { checkpoint?: string }) => {
      const [{ loadKey, parseCheckpoint, verifyAgainstCheckpoint, keyPath }, { verifyChain }] = await Promise.all([import('../server/audit/checkpoint.ts'), import('../server/audit/chain.ts')]);
      let checkpoint: Checkpoint | undefined;
      if (o.checkpoint) {
        try {
          checkpoint = parseCheckpoint(await readFile(o.checkpoint, 'utf8'));
        } catch (e) {
          throw new CliError(`${o.checkpoint}: ${(e as Error).message}`);
        }
      }
      await withStore(async (store) => {
        const r = await verifyChain(store.db);
        if (!r.ok) throw new CliError(`Audit chain broken at event ${r.firstBad!.seq} (id ${r.firstBad!.id}): ${r.firstBad!.reason}. ${r.checked} events before it verified.`, EXIT.verifyFailed);
        if (!checkpoint) return out(`Audit chain intact: ${r.checked} events verified`);
        const key = loadKey();
        if (!key) throw new CliError(`No instance key at ${keyPath()} (CONCORD_KEY_FILE) to check the checkpoint's signature against`);
        const c = await verifyAgainstCheckpoint(store.db, checkpoint, key.publicKey);
        if (!c.ok) throw new CliError(`Audit chain does not match the checkpoint of ${checkpoint.at} (event ${checkpoint.seq}): ${c.reason}`, EXIT.verifyFailed);
        out(`Audit chain intact: ${r.checked} events verified; matches the checkpoint of ${checkpoint.at} (event ${checkpoint.seq}, key ${checkpoint.keyId})`);
      });
    });
  audit
    .command('checkpoint')
    .argument('<file>', 'where to write the checkpoint (- for standard output); keep it outside the store')
    .description('Write a checkpoint of the audit chain signed with the instance key (made at first use; CONCORD_KEY_FILE)')
    .action(async (file: string) => {
      const { loadOrCreateKey, takeCheckpoint } = await import('../server/audit/checkpoint.ts');
      await withStore(async (store) => {
        const key = loadOrCreateKey();
        const text = `${JSON.stringify(await takeCheckpoint(store.db, key), null, 2)}\n`;
        if (file === '-') process.stdout.write(text);
        else {
          await writeFile(file, text);
          out(`Wrote a checkpoint of ${store.location} to ${file} (key ${key.keyId}, ${key.path})`);
        }
      });
    });

  const document = program.command('document').description("Joint documents: each party's signed sign-off, checked offline");
  document
    .command('export')
    .argument('<id>', 'the document id')
    .argument('<file>', 'where to write the bundle (- for standard output)')
    .description("Write the adopted version (else the latest) of a document as a bundle: its text, content hash, parties, and each party's sign-off with signature and public key")
    .action(async (id: string, file: string) => {
      const [{ documentBundleParts }, { presentBundle }] = await Promise.all([import('../server/queries/documents.ts'), import('../server/presenters/document.ts')]);
      await withStore(async (store) => {
        const doc = await store.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
        if (!doc) throw new CliError(`No document ${id} in ${store.location}`);
        const bundle = presentBundle(await documentBundleParts(store.db, doc));
        const text = `${JSON.stringify(bundle, null, 2)}\n`;
        if (file === '-') process.stdout.write(text);
        else {
          await writeFile(file, text);
          out(`Wrote version ${bundle.version.number} of ${id} (${bundle.adopted ? 'adopted' : 'not adopted'}; ${bundle.signOffs.length} of ${bundle.parties.length} parties signed) to ${file}`);
        }
      });
    });
  document
    .command('verify')
    .argument('<bundle>', 'a bundle written by `concord document export` or GET /api/documents/:id/export')
    .option('--keys <file>', "the parties' public keys to trust (`concord document keys` or GET /api/signing-keys), kept apart from the bundle; without it the bundle's own keys are used")
    .description("Check a document bundle offline: the text matches its content hash and every party's sign-off is signed by its key (exit 3 when not)")
    .action(async (file: string, o: { keys?: string }) => {
      const { parseBundle, parseKeys, verifyDocumentBundle } = await import('../server/audit/document-bundle.ts');
      const read = async (f: string) => {
        try {
          return await readFile(f, 'utf8');
        } catch {
          throw new CliError(`Cannot read ${f}`, EXIT.usage);
        }
      };
      const [text, keysText] = await Promise.all([read(file), o.keys ? read(o.keys) : undefined]);
      let trusted: Map<string, string> | undefined;
      try {
        trusted = keysText === undefined ? undefined : parseKeys(keysText);
      } catch (e) {
        throw new CliError(`${o.keys}: ${(e as Error).message}`, EXIT.usage);
      }
      let bundle: ReturnType<typeof parseBundle>;
      try {
        bundle = parseBundle(text);
      } catch (e) {
        throw new CliError(`${file}: ${(e as Error).message}`, EXIT.verifyFailed);
      }
      const r = verifyDocumentBundle(bundle, trusted);
      if (!r.ok) throw new CliError(`${file}: NOT VERIFIED: version ${bundle.version.number} of "${bundle.document.title}"\n${r.problems.map((p) => `- ${p}`).join('\n')}`, EXIT.verifyFailed);
      out(
        `${file}: verified: version ${bundle.version.number} of "${bundle.document.title}" (content hash ${bundle.version.contentHash}) is signed by every party: ${r.parties.join(', ')}` +
          (r.keysFrom === 'trusted' ? ', each with its trusted key' : "; the keys are the bundle's own: pass --keys FILE to hold them to keys you trust"),
      );
    });
  document
    .command('keys')
    .argument('[file]', 'where to write them (default: standard output)')
    .description("The parties' sign-off public keys and fingerprints this instance holds (the file `document verify --keys` takes)")
    .action(async (file?: string) => {
      const [{ listPartyKeys, partyKeyDir }, { presentSigningKeys }, { partyNames }] = await Promise.all([
        import('../server/audit/party-keys.ts'),
        import('../server/presenters/document.ts'),
        import('../server/queries/documents.ts'),
      ]);
      await withStore(async (store) => {
        const keys = presentSigningKeys(listPartyKeys(), await partyNames(store.db));
        const text = `${JSON.stringify(keys, null, 2)}\n`;
        if (!file || file === '-') process.stdout.write(text);
        else {
          await writeFile(file, text);
          out(`Wrote ${keys.items.length} party keys from ${partyKeyDir()} to ${file}: ${keys.items.map((k) => `${k.partyId} ${k.keyId}`).join(', ')}`);
        }
      });
    });

  const user = program.command('user').description('Users');
  user
    .command('add')
    .description('Add a user')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--org <organisationId>', 'organisation id')
    .requiredOption('--password <password>', 'initial password (at least 10 characters)')
    .addOption(new Option('--clearance <level>', 'clearance').choices([...CLASSIFICATIONS]).default('unclassified'))
    .option('--admin', 'system administrator')
    .option('--role <wg:role...>', 'role in a working group, e.g. wg-2018:secretariat (repeatable)')
    .action(async (o: { email: string; name: string; org: string; password: string; clearance: string; admin?: boolean; role?: string[] }) => {
      const { createUser } = await import('../server/commands/users.ts').catch(() => {
        throw new CliError('User management is not available in this build');
      });
      await withStore(async (store) => {
        const roles = (o.role ?? []).map((r) => {
          const [wgId, role] = r.split(':');
          if (!wgId || !role) throw new CliError(`--role "${r}" must look like WG_ID:ROLE`, EXIT.usage);
          return { wgId, role };
        });
        try {
          const id = await createUser(store, { email: o.email, displayName: o.name, organisationId: o.org, password: o.password, clearance: o.clearance, isAdmin: Boolean(o.admin), roles }, null);
          out(`Added user ${o.email} (${id})`);
        } catch (e) {
          throw new CliError((e as Error).message);
        }
      });
    });

  const feeds = program.command('feeds').description('Feeds the working groups follow');
  feeds
    .command('fetch')
    .description('Fetch the feeds that are due once, adding their new items to the review queue (settings: CONCORD_FEEDS_* as for serve)')
    .option('--all', 'fetch every followed feed, due or not')
    .action(async (o: { all?: boolean }) => {
      const { fetchDueFeeds, fetchOptionsFromEnv } = await import('../server/feeds/fetch.ts');
      await withStore(async (store) => {
        const reports = await fetchDueFeeds(store, { ...fetchOptionsFromEnv(), all: Boolean(o.all) });
        for (const r of reports) out(`${r.url}: ${r.status}${r.detail ? ` (${r.detail})` : ''}, ${r.added} new, ${r.repeated} already seen`);
        if (!reports.length) out('No feed is due.');
      });
    });

  user
    .command('reset-password')
    .description("Issue a one-time password reset link for an account (it works for 24 hours; the account's sessions end when it is used)")
    .argument('<email>', 'sign-in e-mail of the account')
    .option('--url <base>', "the server's address, to print the whole link (e.g. https://concord.example.gov)")
    .action(async (email: string, o: { url?: string }) => {
      const { issuePasswordReset } = await import('../server/commands/account.ts');
      const { normaliseEmail } = await import('../server/auth/email.ts');
      await withStore(async (store) => {
        const u = await store.db.selectFrom('users').select('id').where('email', '=', normaliseEmail(email)).executeTakeFirst();
        if (!u) throw new CliError(`No account with the e-mail ${email}`);
        try {
          const r = await issuePasswordReset({ store, actor: null, requestId: null }, u.id);
          const base = (o.url ?? '').replace(/\/+$/, '');
          out(`Reset link for ${email} (valid until ${r.expiresAt}; shown once):\n${base}${r.path}`);
        } catch (e) {
          throw new CliError((e as Error).message);
        }
      });
    });

  program
    .command('notify')
    .description('Write the reminders and digests that are due, and mail the notifications waiting in the outbox through SMTP_URL (concord serve does this itself)')
    .option('--once', 'one round, then stop')
    .option('--every <ms>', 'milliseconds between rounds', '2000')
    .action(async (o: { once?: boolean; every: string }) => {
      if (!process.env.SMTP_URL) throw new CliError('SMTP_URL is not set (e.g. smtp://mail.example.gov:587)', EXIT.usage);
      const { Deliverer, smtpTransport } = await import('../server/notify/deliver.ts');
      await withStore(async (store) => {
        const d = new Deliverer({
          store,
          transport: smtpTransport(process.env.SMTP_URL!),
          scheduleMs: Number(process.env.CONCORD_NOTIFY_SCHEDULE_MS) || 60_000,
          onError: (e) => process.stderr.write(`concord: ${(e as Error).message}\n`),
        });
        if (o.once) {
          const r = await d.runOnce();
          out(`Sent ${r.sent}, failed ${r.failed}`);
          await d.stop();
          return;
        }
        d.start(Number(o.every) || 2000, { holdProcess: true });
        await new Promise<void>((resolve) => {
          process.once('SIGTERM', resolve);
          process.once('SIGINT', resolve);
        });
        await d.stop();
      });
    });

  registerAnalyze(program);
  registerStatements(program);
  return program;
}

/**
 * A reader that stops early (`concord export - | head -1`) closes the pipe: on stdout the command
 * ends at once, quietly, with status 0 (the reader has what it wanted); on stderr the messages
 * are dropped and the command carries on to its own exit status. Any other stream error is thrown.
 * (The server's log does not go through process.stdout: pino stops writing on a closed pipe.)
 */
function onClosedPipe(this: NodeJS.WriteStream, e: NodeJS.ErrnoException) {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  if (this === process.stdout) process.exit(EXIT.ok);
}

/** Runs the CLI; returns the process exit code. */
export async function run(argv: string[]): Promise<number> {
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.listeners('error').includes(onClosedPipe)) stream.on('error', onClosedPipe);
  }
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof CliError) {
      process.stderr.write(`concord: ${e.message}\n`);
      return e.code;
    }
    process.stderr.write(`concord: ${(e as Error).message ?? String(e)}\n`);
    return EXIT.failure;
  }
}
