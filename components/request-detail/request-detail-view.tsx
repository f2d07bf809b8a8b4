import type { RequestDetail } from '@/lib/requests/detail';
import type { RequestHistoryEntry } from '@/lib/requests/history';
import { RequestFields } from './request-fields';
import { RequestHeader } from './request-header';
import { RequestHistory } from './request-history';

export function RequestDetailView({
  detail,
  history,
  canReveal,
}: {
  detail: RequestDetail;
  history: RequestHistoryEntry[];
  canReveal: boolean;
}) {
  return (
    <div className="grid gap-8">
      <RequestHeader detail={detail} />
      <div className="grid gap-10 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <RequestFields detail={detail} canReveal={canReveal} />
        <RequestHistory entries={history} />
      </div>
    </div>
  );
}
