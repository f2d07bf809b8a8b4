import { checkHealth } from '@/lib/health';

// Public on purpose: load balancers and the start script probe it. It reports reachability only.
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
