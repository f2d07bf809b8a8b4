'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { RequestRow } from '@/lib/requests/schemas';
import { BulkConnectDialog } from './bulk-connect-dialog';
import { isBulkConnectable, type RowSelection } from './requests-rows';

/** Which rows of this page are picked for a bulk connect; a new page starts with none. */
export function useBulkSelection(rows: RequestRow[], isEnabled: boolean) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const selectable = useMemo(() => rows.filter(isBulkConnectable), [rows]);
  const selectedRows = selectable.filter((row) => picked.has(row.id));
  const selection: RowSelection | null = isEnabled
    ? {
        selected: picked,
        onToggle: (id) =>
          setPicked((previous) => {
            const next = new Set(previous);
            if (!next.delete(id)) next.add(id);
            return next;
          }),
      }
    : null;
  return {
    selection,
    selectable,
    selectedRows,
    selectAll: () => setPicked(new Set(selectable.map((row) => row.id))),
    clear: () => setPicked(new Set()),
  };
}

export function BulkConnectBar({
  selectable,
  selected,
  onSelectAll,
  onClear,
  onFinished,
}: {
  selectable: RequestRow[];
  selected: RequestRow[];
  onSelectAll: () => void;
  onClear: () => void;
  onFinished: () => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  if (selectable.length === 0) {
    return <p className="text-sm text-muted-foreground">No full last name and loyalty number matches on this page.</p>;
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span>
        {selectable.length} full match{selectable.length === 1 ? '' : 'es'} on this page
        {selected.length > 0 && `, ${selected.length} selected`}.
      </span>
      <Button size="sm" variant="outline" onClick={selected.length === selectable.length ? onClear : onSelectAll}>
        {selected.length === selectable.length ? 'Clear selection' : 'Select all full matches'}
      </Button>
      <Button size="sm" disabled={selected.length === 0} onClick={() => setIsOpen(true)}>
        Connect selected…
      </Button>
      <BulkConnectDialog rows={selected} isOpen={isOpen} onOpenChange={setIsOpen} onFinished={onFinished} />
    </div>
  );
}
