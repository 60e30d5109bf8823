import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';

export const PUBLIC_SUBGRAPHS = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type PublicSubgraph = (typeof PUBLIC_SUBGRAPHS)[number];

export const sdlOf = (name: PublicSubgraph): string => readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8');
export const typeDefsOf = (name: PublicSubgraph): DocumentNode => parse(sdlOf(name));
