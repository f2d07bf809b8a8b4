import { ArrowLeftIcon } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';

export function BackToRequests({ variant = 'link' }: { variant?: 'link' | 'outline' }) {
  return (
    <Button asChild variant={variant} size="sm" className={variant === 'link' ? 'px-0' : undefined}>
      <Link href="/requests">
        <ArrowLeftIcon aria-hidden="true" />
        Back to requests
      </Link>
    </Button>
  );
}
