'use client';

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';

const shortcuts: [string, string][] = [
  ['j / k', 'Next / previous request'],
  ['Enter', 'Open the request'],
  ['[ / ]', 'Previous / next page'],
  ['1 – 5', 'Pending, Processing, Connected, Failed, Retry'],
  ['/', 'Go to a request by ID'],
  ['?', 'Show these shortcuts'],
  ['c / f / r', 'On a request: connect, fail, retry (each confirmed)'],
  ['n / u', 'On a request: next Pending request, back to the list'],
];

export function ShortcutsDialog({
  isOpen,
  onOpenChange,
}: {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
}) {
  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>On the requests list, when no field has the focus.</DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          {shortcuts.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt>
                <kbd className="rounded border px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
