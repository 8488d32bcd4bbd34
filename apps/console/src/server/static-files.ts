import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

function send(res: ServerResponse, path: string, cacheControl: string): void {
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': cacheControl });
  createReadStream(path).pipe(res);
}

function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url, 'http://console').pathname);
  } catch {
    return null;
  }
}

/** Files under dist/, and index.html for any other GET so client-side routes survive a reload. */
export function serveSpa(distDir: string, req: IncomingMessage, res: ServerResponse): void {
  const pathname = decodedPath(req.url ?? '/');
  const file = pathname === null ? null : normalize(join(distDir, pathname));
  // Only files inside dist/: an encoded "../" must not reach the rest of the disk.
  if (pathname !== null && file !== null && file.startsWith(distDir + sep) && existsSync(file) && statSync(file).isFile()) {
    // Vite puts a content hash in every asset name, so assets never change under their name.
    send(res, file, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return;
  }
  send(res, join(distDir, 'index.html'), 'no-cache');
}
