import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';

/**
 * GraphiQL served from npm packages by the gateway itself, so the explorer works with no
 * internet (Apollo's default landing page loads from a CDN). Files are read once, lazily.
 */
const require = createRequire(import.meta.url);
const assets: Record<string, { file: string; type: string }> = {
  '/explorer/react.js': { file: 'react/umd/react.production.min.js', type: 'text/javascript' },
  '/explorer/react-dom.js': { file: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
  '/explorer/graphiql.js': { file: 'graphiql/graphiql.min.js', type: 'text/javascript' },
  '/explorer/graphiql.css': { file: 'graphiql/graphiql.min.css', type: 'text/css' },
};
const cache = new Map<string, Buffer>();

/** These packages' `exports` maps hide their UMD builds, so resolve the package folder instead. */
function packageFile(spec: string): string {
  const [scopeOrName, ...rest] = spec.split('/');
  const name = scopeOrName ?? '';
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(name)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${name} package folder`);
    dir = parent;
  }
  return join(dir, ...rest);
}

export function serveExplorerAsset(path: string, res: ServerResponse): boolean {
  const asset = assets[path];
  if (!asset) return false;
  let body = cache.get(path);
  if (!body) {
    body = readFileSync(packageFile(asset.file));
    cache.set(path, body);
  }
  res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=86400' });
  res.end(body);
  return true;
}

/** One tab of the explorer: an operation with its variables and headers. */
export interface ExplorerTab {
  query: string;
  variables?: string;
  headers?: string;
}

/**
 * The explorer opens with `tabs` ready to run (the first query and every example operation);
 * `active` is the tab a link asked for (`/?operation=Name` from /docs): GraphiQL opens it, and
 * when the browser has tabs stored from an earlier visit it finds the tab among them or adds it.
 * The header editor (open by default) shows how to act under a role (server.ts picks the
 * dev-mode headers or the bearer token by AUTH_MODE).
 */
export function explorerPage(tabs: readonly ExplorerTab[], active?: ExplorerTab): string {
  // JSON inside a <script>: `<` escaped so no text in an operation can close the script element.
  const json = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');
  const ordered = active ? [active, ...tabs.filter((t) => t.query !== active.query)] : tabs;
  const props = {
    defaultTabs: ordered,
    defaultHeaders: ordered[0]?.headers ?? '',
    defaultEditorToolsVisibility: active ? 'variables' : 'headers',
    ...(active ? { query: active.query, variables: active.variables ?? '', headers: active.headers ?? '' } : {}),
  };
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Omnigraph explorer</title>
  <link rel="stylesheet" href="/explorer/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; } .omnigraph-docs { position: fixed; right: 12px; bottom: 8px; z-index: 10; font: 13px system-ui, sans-serif; }</style>
</head>
<body>
  <div id="graphiql">Loading the explorer…</div>
  <a class="omnigraph-docs" href="/docs">Reference docs</a>
  <script src="/explorer/react.js"></script>
  <script src="/explorer/react-dom.js"></script>
  <script src="/explorer/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, Object.assign({ fetcher }, ${json(props)})),
    );
  </script>
</body>
</html>`;
}
