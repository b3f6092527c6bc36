import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * The sha256 sources of the inline scripts of the built page (index.html's boot script, which
 * starts a dashboard's API requests while the JS downloads), read from the file the server will
 * send, so the hash always matches what is served and script-src needs no 'unsafe-inline'.
 */
export function inlineScriptHashes(webRoot: string | undefined): string[] {
  const page = webRoot ? join(webRoot, 'index.html') : undefined;
  if (!page || !existsSync(page)) return [];
  const html = readFileSync(page, 'utf8');
  const out: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '') || !m[2].trim()) continue;
    out.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return out;
}

/** HSTS, sent only on answers to requests that came over HTTPS (TRUST_PROXY: the original protocol). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The Swagger UI page at /api/docs: its own scripts and styles, nothing inline but styles. */
export const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'";

/**
 * Security headers on every answer (@fastify/helmet): a Content-Security-Policy whose script-src
 * is the app's own files and the hashed boot script (no 'unsafe-inline'), no framing
 * (frame-ancestors 'none', X-Frame-Options), nosniff, no Referer, and HSTS only over HTTPS.
 * style-src allows inline styles: Mantine writes its theme's CSS variables in a <style> element
 * and ECharts and Mantine set style attributes.
 */
export async function registerSecurityHeaders(app: FastifyInstance, webRoot: string | undefined): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'object-src': ["'none'"],
        'script-src': ["'self'", ...inlineScriptHashes(webRoot)],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'worker-src': ["'self'", 'blob:'],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: false,
    // Cross-origin isolation would refuse the API to no-cors embeds only; keep helmet's defaults
    // (COOP same-origin, CORP same-origin) and leave COEP off.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done();
  });
}
