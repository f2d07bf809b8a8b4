import type { Metadata } from 'next';
import { AutoMatchSection } from '@/components/settings/auto-match-section';
import { requirePagePermission } from '@/lib/auth/session';
import { getMatcherPage } from '@/lib/matcher/page';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePagePermission('settings.manage');
  const matcher = await getMatcherPage();
  return (
    <div className="grid gap-8">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">How connection requests are decided without a person.</p>
      </div>
      <AutoMatchSection matcher={matcher} />
    </div>
  );
}
