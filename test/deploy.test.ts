import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The files of deploy/ checked by the tools that read them, where those tools are installed
// (Debian: systemd, nginx-light, caddy, openssl); each test skips with a message otherwise.

const ROOT = resolve(import.meta.dirname, '..');
const DEPLOY = join(ROOT, 'deploy');

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

function withTmp(fn: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'concord-deploy-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('deploy/concord.service: systemd-analyze verify finds nothing to say', { skip: has('systemd-analyze') ? false : 'systemd-analyze is not installed' }, () => {
  withTmp((dir) => {
    // The unit names /opt/concord; verify checks that ExecStart exists, so point it at this checkout.
    const unit = join(dir, 'concord.service');
    writeFileSync(unit, readFileSync(join(DEPLOY, 'concord.service'), 'utf8').replaceAll('/opt/concord', ROOT));
    const r = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    const aboutUnit = r.stderr.split('\n').filter((l) => l.includes('concord.service'));
    assert.deepEqual(aboutUnit, [], r.stderr);
    assert.equal(r.status, 0, r.stderr);
  });
});

test('deploy/nginx.conf: nginx -t accepts it inside an http block', { skip: has('nginx') && has('openssl') ? false : 'nginx or openssl is not installed' }, () => {
  withTmp((dir) => {
    // A throwaway certificate in place of the site's, and a minimal main configuration around the site.
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const ssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=concord.example.org'], { encoding: 'utf8' });
    assert.equal(ssl.status, 0, ssl.stderr);
    const site = readFileSync(join(DEPLOY, 'nginx.conf'), 'utf8')
      .replace('/etc/letsencrypt/live/concord.example.org/fullchain.pem', cert)
      .replace('/etc/letsencrypt/live/concord.example.org/privkey.pem', key);
    writeFileSync(join(dir, 'site.conf'), site);
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'main.conf'), `pid ${dir}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  include ${dir}/site.conf;\n}\n`);
    const r = spawnSync('nginx', ['-t', '-q', '-p', `${dir}/`, '-c', join(dir, 'main.conf')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /\[(warn|emerg|crit|alert)\]/, r.stderr);
  });
});

test('deploy/Caddyfile: caddy validate accepts it, formatted as caddy fmt writes it', { skip: has('caddy') ? false : 'caddy is not installed' }, () => {
  withTmp((dir) => {
    const env = { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
    const file = join(DEPLOY, 'Caddyfile');
    const r = spawnSync('caddy', ['validate', '--config', file, '--adapter', 'caddyfile'], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout + r.stderr, /Valid configuration/);
    assert.doesNotMatch(r.stderr, /"level":"(warn|error)"/, r.stderr);
    const fmt = spawnSync('caddy', ['fmt', file], { encoding: 'utf8', env });
    assert.equal(fmt.stdout, readFileSync(file, 'utf8'), 'run caddy fmt --overwrite deploy/Caddyfile');
  });
});

test('deploy/concord.env.example sets only variables README documents', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const names = [...readFileSync(join(DEPLOY, 'concord.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
  assert.ok(names.includes('DATABASE_URL'));
  for (const name of names) assert.match(readme, new RegExp(`^\\| \`${name}\` \\|`, 'm'), `${name} is in README's Configuration table`);
});
