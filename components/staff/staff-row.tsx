'use client';

import { ChevronRightIcon } from 'lucide-react';
import { useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TableCell, TableRow } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { isRole } from '@/lib/roles';
import type { StaffOverviewMember } from '@/lib/staff/queries';
import { AccessDialog } from './access-dialog';
import { roleLabels } from './form-fields';
import { PasswordDialog } from './password-dialog';
import { RoleDialog } from './role-dialog';
import { SessionsPanel } from './sessions-panel';

// The staff table's columns, which the sessions row spans.
const STAFF_COLUMN_COUNT = 6;

function SessionsToggle({
  count,
  isExpanded,
  panelId,
  onToggle,
}: {
  count: number;
  isExpanded: boolean;
  panelId: string;
  onToggle: () => void;
}) {
  if (count === 0 && !isExpanded) return <span className="text-muted-foreground">None</span>;
  return (
    <Button
      variant="ghost"
      size="sm"
      className="-ml-3"
      aria-expanded={isExpanded}
      aria-controls={panelId}
      onClick={onToggle}
    >
      <ChevronRightIcon aria-hidden="true" className={cn('transition-transform', isExpanded && 'rotate-90')} />
      {count} active
    </Button>
  );
}

/** One staff member, and beneath it their sessions when shown. */
export function StaffRow({
  member,
  isViewer,
  minPasswordLength,
}: {
  member: StaffOverviewMember;
  /** The admin looking at the page: the page does not offer what would lock them out. */
  isViewer: boolean;
  minPasswordLength: number;
}) {
  const [isExpanded, setIsExpanded] = useState(false);
  const panelId = useId();

  return (
    <>
      <TableRow>
        <TableCell>
          <div className="flex flex-wrap items-center gap-2 font-medium">
            {member.name}
            {isViewer && <Badge variant="outline">You</Badge>}
          </div>
          <div className="text-muted-foreground [overflow-wrap:anywhere]">{member.email}</div>
        </TableCell>
        <TableCell>{isRole(member.role) ? roleLabels[member.role] : 'No role'}</TableCell>
        <TableCell>
          <Badge variant={member.isDisabled ? 'failed' : 'connected'}>
            {member.isDisabled ? 'Disabled' : 'Active'}
          </Badge>
        </TableCell>
        <TableCell>{member.hasTwoFactor ? 'On' : 'Off'}</TableCell>
        <TableCell>
          <SessionsToggle
            count={member.sessions.length}
            isExpanded={isExpanded}
            panelId={panelId}
            onToggle={() => setIsExpanded(!isExpanded)}
          />
        </TableCell>
        <TableCell>
          {isViewer ? (
            <span className="text-xs text-muted-foreground">Another admin changes your own account.</span>
          ) : (
            <div className="flex flex-wrap gap-2">
              <RoleDialog member={member} />
              <AccessDialog member={member} />
              <PasswordDialog member={member} minPasswordLength={minPasswordLength} />
            </div>
          )}
        </TableCell>
      </TableRow>
      <TableRow id={panelId} hidden={!isExpanded} className="hover:bg-transparent">
        <TableCell colSpan={STAFF_COLUMN_COUNT}>{isExpanded && <SessionsPanel member={member} />}</TableCell>
      </TableRow>
    </>
  );
}
