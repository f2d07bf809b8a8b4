import type { ReactNode } from 'react';
import { RelativeTime } from '@/components/requests/relative-time';
import { StatusBadge } from '@/components/requests/status-badge';
import type { RequestDetail } from '@/lib/requests/detail';
import { RevealableValue } from './revealable-value';

/** One term and its value, always as a pair, so the nth term names the nth value. */
function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)] items-baseline gap-4 border-b py-2.5 last:border-0">
      <dt className="text-sm text-muted-foreground">{term}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

function None({ children }: { children: ReactNode }) {
  return <span className="text-muted-foreground">{children}</span>;
}

/** Every field of the request; personal data masked, with a way to reveal it for those who may. */
export function RequestFields({ detail, canReveal }: { detail: RequestDetail; canReveal: boolean }) {
  return (
    <section aria-labelledby="fields-heading" className="grid content-start gap-2">
      <h2 id="fields-heading" className="text-lg font-semibold">
        Details
      </h2>
      <dl>
        <Field term="Last name">{detail.lastName}</Field>
        <Field term="First name">{detail.firstName}</Field>
        <Field term="Middle name">{detail.middleName || <None>none</None>}</Field>
        <Field term="Loyalty number">
          {detail.maskedLoyaltyNumber ? (
            <RevealableValue
              requestId={detail.id}
              field="loyaltyNumber"
              fieldLabel="loyalty number"
              masked={detail.maskedLoyaltyNumber}
              canReveal={canReveal}
            />
          ) : (
            <None>none</None>
          )}
        </Field>
        {detail.emails.length === 0 && (
          <Field term="Verified emails">
            <None>none</None>
          </Field>
        )}
        {detail.emails.map((email) => (
          <Field key={email.slot} term={`Email ${email.slot + 1}`}>
            <RevealableValue
              requestId={detail.id}
              field={{ email: email.slot }}
              fieldLabel={`email ${email.slot + 1}`}
              masked={email.masked}
              canReveal={canReveal}
            />
          </Field>
        ))}
        <Field term="Status">
          <StatusBadge status={detail.status} />
        </Field>
        <Field term="Last modified">
          <RelativeTime iso={detail.lastModified} />
        </Field>
        <Field term="Request ID">
          <span className="font-mono break-all">{detail.id}</span>
        </Field>
        <Field term="Concur user ID">
          {detail.userId ? (
            <span className="font-mono break-all">{detail.userId}</span>
          ) : (
            <None>not given (Concur sends it from API version 3.2)</None>
          )}
        </Field>
      </dl>
    </section>
  );
}
