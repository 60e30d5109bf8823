/**
 * The supergraph with each subgraph's URL replaced by where it really listens, so that
 * every gateway under test (also those without per-subgraph URL overrides) reads the same
 * file and calls the same processes.
 */
export function supergraphWithUrls(supergraphSdl: string, urls: Readonly<Record<string, string>>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}
