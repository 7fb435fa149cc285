import type { SnippetPart } from '../../../../server/queries/types.ts';

/** A search hit's best line with the matched words marked; the text is rendered as text, never as HTML. */
export function SearchSnippet({ parts }: { parts: SnippetPart[] | undefined }) {
  if (parts === undefined || parts.length === 0) return null;
  return (
    <p className="truncate text-xs text-slate-600" data-testid="call-search-snippet">
      {parts.map((part, index) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
          <mark key={index} className="rounded bg-amber-100 px-0.5 text-slate-900">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
