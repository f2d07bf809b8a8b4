'use client';

import Link from 'next/link';
import { useId } from 'react';
import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { cn } from '@/lib/cn';
import { lastNameFirst } from '@/lib/display-name';
import type { CandidateView } from '@/lib/members/candidates';

const fieldNames: Record<CandidateView['comparison'][number]['field'], string> = {
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  loyaltyNumber: 'Loyalty number',
  email: 'Email',
};

const verdicts: Record<CandidateView['comparison'][number]['verdict'], { label: string; variant: BadgeVariant }> = {
  same: { label: 'same', variant: 'connected' },
  differs: { label: 'differs', variant: 'failed' },
  missing: { label: 'missing', variant: 'outline' },
};

const hints: Record<string, string> = {
  'written-differently': 'written differently',
  'digits-swapped': 'two digits swapped',
  'leading-zeros': 'leading zeros differ',
};

/** Field by field: the request's value, the member's, and whether they agree (values masked). */
function Comparison({ candidate }: { candidate: CandidateView }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{`Request compared with member ${candidate.memberId}`}</caption>
      <thead className="text-left text-xs text-muted-foreground">
        <tr>
          <th scope="col" className="py-1 pr-2 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 pr-2 font-medium">
            Request
          </th>
          <th scope="col" className="py-1 pr-2 font-medium">
            Member
          </th>
          <th scope="col" className="py-1 font-medium">
            Verdict
          </th>
        </tr>
      </thead>
      <tbody>
        {candidate.comparison.map((row, index) => (
          // Emails repeat the field name, so the position tells rows apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for a candidate
          <tr key={`${row.field}-${index}`} className="border-t align-top">
            <th scope="row" className="py-1 pr-2 text-left font-normal text-muted-foreground">
              {fieldNames[row.field]}
              {row.isContextOnly && <span className="block text-xs">context only</span>}
            </th>
            <td className="py-1 pr-2 font-mono break-all">{row.request ?? '—'}</td>
            <td className="py-1 pr-2 font-mono break-all">{row.member ?? '—'}</td>
            <td className="py-1">
              <Badge variant={verdicts[row.verdict].variant}>{verdicts[row.verdict].label}</Badge>
              {row.hint && <span className="block text-xs text-muted-foreground">{hints[row.hint] ?? row.hint}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The ranked candidates; one can be chosen (a radio group), which "Connect" then uses. */
export function CandidateList({
  candidates,
  selectedId,
  onSelect,
  isSelectable,
  canOpenMembers,
}: {
  candidates: CandidateView[];
  selectedId: string | null;
  onSelect: (memberId: string) => void;
  isSelectable: boolean;
  canOpenMembers: boolean;
}) {
  const name = useId();
  return (
    <fieldset className="grid gap-3">
      <legend className="sr-only">Member candidates, best first</legend>
      {candidates.map((candidate, rank) => {
        const isSelected = candidate.memberId === selectedId;
        return (
          <div
            key={candidate.memberId}
            className={cn('grid gap-2 rounded-lg border p-3', isSelected && 'border-primary ring-1 ring-primary')}
          >
            <div className="flex flex-wrap items-center gap-2">
              {isSelectable && (
                <input
                  id={`${name}-${candidate.memberId}`}
                  type="radio"
                  name={name}
                  value={candidate.memberId}
                  checked={isSelected}
                  onChange={() => onSelect(candidate.memberId)}
                  className="size-4 accent-primary"
                />
              )}
              {isSelectable ? (
                <label htmlFor={`${name}-${candidate.memberId}`} className="font-medium">
                  {lastNameFirst(candidate)}
                </label>
              ) : (
                <span className="font-medium">{lastNameFirst(candidate)}</span>
              )}
              {canOpenMembers ? (
                <Link
                  href={`/members/${encodeURIComponent(candidate.memberId)}`}
                  className="font-mono text-sm text-muted-foreground underline underline-offset-4"
                >
                  {candidate.memberId}
                </Link>
              ) : (
                <span className="font-mono text-sm text-muted-foreground">{candidate.memberId}</span>
              )}
              <Badge variant={rank === 0 && candidate.suggestedOutcome === 'CRSUC' ? 'connected' : 'secondary'}>
                {candidate.label}
              </Badge>
              <span className="text-sm text-muted-foreground">
                suggests <span className="font-mono">{candidate.suggestedOutcome}</span>
              </span>
            </div>
            <Comparison candidate={candidate} />
          </div>
        );
      })}
    </fieldset>
  );
}
