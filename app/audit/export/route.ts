import type { NextRequest } from 'next/server';
import { auditCsvFilename } from '@/lib/audit/csv';
import { exportAuditCsv } from '@/lib/audit/queries';
import { auditSearchInput, searchParamsRecord } from '@/lib/audit/schemas';
import { getStaffContext } from '@/lib/auth/session';

function refuse(status: 401 | 403, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** The audit log's CSV at the page's filter, every page. Checks the session itself: it is not a page. */
export async function GET(request: NextRequest): Promise<Response> {
  const context = await getStaffContext();
  if (!context) return refuse(401, 'Sign in to export the audit log.');
  if (context.mustEnrollTwoFactor) return refuse(403, 'Set up two-factor sign-in on your account page first.');
  const input = auditSearchInput.parse(searchParamsRecord(request.nextUrl.searchParams));
  const csv = exportAuditCsv({ staffId: context.staff.id, permissions: context.permissions }, input);
  if (!csv) return refuse(403, 'Your role does not allow exporting the audit log.');
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename=${auditCsvFilename()}`,
      'Cache-Control': 'no-store',
    },
  });
}
