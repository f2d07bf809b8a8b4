import type { Metadata } from 'next';
import { RequestNotFound } from '@/components/request-detail/request-not-found';

export const metadata: Metadata = { title: 'Connection request not found' };

export default function RequestNotFoundPage() {
  return <RequestNotFound />;
}
