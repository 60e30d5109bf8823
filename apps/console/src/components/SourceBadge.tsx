/** Where a golden-profile value came from: the system and its record id. */
export function SourceBadge({ source }: { source: { system: string; externalId?: string | null } | null | undefined }) {
  if (!source) return null;
  return (
    <span className="source" data-testid="source" title={source.externalId ? `${source.system} record ${source.externalId}` : source.system}>
      {source.system}
    </span>
  );
}
