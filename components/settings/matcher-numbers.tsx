import { useId } from 'react';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ExceptionCount, RuleAgreement } from '@/lib/matcher/queries';

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

function agreementRate({ agree, disagree }: RuleAgreement): string {
  const total = agree + disagree;
  return total === 0 ? 'no staff decisions yet' : percent.format(agree / total);
}

function ExceptionsTable({ exceptions }: { exceptions: ExceptionCount[] }) {
  const id = useId();
  const total = exceptions.reduce((sum, row) => sum + row.waiting, 0);
  return (
    <div className="grid gap-2">
      <h4 id={id} className="text-sm font-medium">
        Exceptions waiting for staff, by reason
      </h4>
      {total === 0 ? (
        <p className="text-sm text-muted-foreground">None: no queued request is left to staff by Auto-match.</p>
      ) : (
        <Table aria-labelledby={id}>
          <TableHeader>
            <TableRow>
              <TableHead>Reason</TableHead>
              <TableHead className="text-right">Waiting</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {exceptions.map((row) => (
              <TableRow key={row.reason}>
                <TableCell>{row.label}</TableCell>
                <TableCell className="text-right tabular-nums">{row.waiting}</TableCell>
              </TableRow>
            ))}
            <TableRow className="font-semibold">
              <TableHead scope="row" className="text-foreground">
                Total
              </TableHead>
              <TableCell className="text-right tabular-nums">{total}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      )}
    </div>
  );
}

/** Agreed and disagreed side by side: a picture of the table below it, hidden from screen readers. */
function AgreementBars({ agreement }: { agreement: RuleAgreement[] }) {
  return (
    <div aria-hidden="true" className="grid gap-3">
      {agreement.map((row) => {
        const total = row.agree + row.disagree;
        return (
          <div key={row.rule} className="grid gap-1 text-sm">
            <span>{row.label}</span>
            <div className="flex h-3 w-full max-w-md overflow-hidden rounded-sm bg-muted">
              {total > 0 && (
                <>
                  <div className="bg-success" style={{ width: `${(row.agree / total) * 100}%` }} />
                  <div className="bg-destructive" style={{ width: `${(row.disagree / total) * 100}%` }} />
                </>
              )}
            </div>
          </div>
        );
      })}
      <p className="flex gap-4 text-xs text-muted-foreground">
        <span className="inline-flex items-center gap-1.5">
          <span className="size-3 rounded-sm bg-success" /> Agreed
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="size-3 rounded-sm bg-destructive" /> Disagreed
        </span>
      </p>
    </div>
  );
}

function AgreementTable({ agreement }: { agreement: RuleAgreement[] }) {
  const id = useId();
  return (
    <div className="grid gap-3">
      <div className="grid gap-1">
        <h4 id={id} className="text-sm font-medium">
          Shadow agreement, by rule
        </h4>
        <p className="text-sm text-muted-foreground">
          Staff decisions compared with what Auto-match judged of the same request.
        </p>
      </div>
      <AgreementBars agreement={agreement} />
      <Table aria-labelledby={id}>
        <TableHeader>
          <TableRow>
            <TableHead>Rule</TableHead>
            <TableHead className="text-right">Agreed</TableHead>
            <TableHead className="text-right">Disagreed</TableHead>
            <TableHead className="text-right">Agreement</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {agreement.map((row) => (
            <TableRow key={row.rule}>
              <TableCell>{row.label}</TableCell>
              <TableCell className="text-right tabular-nums">{row.agree}</TableCell>
              <TableCell className="text-right tabular-nums">{row.disagree}</TableCell>
              <TableCell className="text-right tabular-nums">{agreementRate(row)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** What Auto-match holds, what it left to staff, and how often staff agreed with it. */
export function MatcherNumbers({
  held,
  exceptions,
  agreement,
}: {
  held: number;
  exceptions: ExceptionCount[];
  agreement: RuleAgreement[];
}) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="grid gap-6">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        Numbers
      </h3>
      <p className="text-sm">
        <span className="text-2xl font-semibold tabular-nums">{held}</span>{' '}
        {held === 1 ? 'held decision' : 'held decisions'} now, waiting out the hold window.
      </p>
      <ExceptionsTable exceptions={exceptions} />
      <AgreementTable agreement={agreement} />
    </section>
  );
}
