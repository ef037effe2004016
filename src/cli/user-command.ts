import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { MIN_PASSWORD_LENGTH } from '../accounts/account-service.js';
import { isRole, roles } from '../accounts/roles.js';
import { loadConfig } from '../config/config.js';
import { createServices } from '../services.js';
import type { Storage } from '../storage/database.js';
import { migrateToLatest } from '../storage/database.js';

/** Reads a password: a hidden prompt (asked twice) on a terminal, the first line of stdin otherwise. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += chunk;
    return data.split(/\r?\n/)[0] ?? '';
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      let muted = false;
      const output = new Writable({
        write(chunk, _enc, done) {
          if (!muted) process.stdout.write(chunk);
          done();
        },
      });
      const rl = createInterface({ input: process.stdin, output, terminal: true });
      rl.question(question, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  const first = await ask('Password: ');
  const second = await ask('Repeat password: ');
  if (first !== second) throw new Error('The passwords do not match.');
  return first;
}

export function registerUserCommands(
  program: Command,
  withStorage: (work: (storage: Storage) => Promise<unknown>) => Promise<void>,
) {
  const user = program.command('user').description('manage newsroom accounts');
  user
    .command('create')
    .description('create an account; the password is read from a prompt or from stdin')
    .requiredOption('--email <email>', 'login email (never shown publicly)')
    .requiredOption('--name <name>', 'display name used in bylines')
    .option('--role <role>', `one of ${roles.join(', ')}`, 'administrator')
    .action((opts: { email: string; name: string; role: string }) =>
      withStorage(async (storage) => {
        if (!isRole(opts.role))
          throw new Error(`Unknown role "${opts.role}"; use one of ${roles.join(', ')}.`);
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(opts.email))
          throw new Error('That email address does not look valid.');
        await migrateToLatest(storage);
        const password = await readPassword();
        const services = createServices({ config: loadConfig(), storage });
        if (await services.repositories.accounts.findByEmail(opts.email)) {
          throw new Error('An account with that email already exists.');
        }
        // Checked before the account exists, so a rejected password leaves nothing half-made.
        if (password.length < MIN_PASSWORD_LENGTH) {
          throw new Error(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
        }
        const id = await services.taxonomy.createAuthor({
          name: opts.name,
          email: opts.email,
          role: opts.role,
        });
        await services.accounts.setPassword(id, password);
        console.log(`Created ${opts.role} ${opts.name} (id ${id}).`);
      }),
    );
}
