'use server';

import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/store';
import { refuse, staffAction } from '@/lib/auth/action';
import { ConcurError, getConcurClient } from '@/lib/concur';
import { logConcurFailure, userMessage } from '@/lib/concur/user-messages';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { loadKeyring } from './keyring';
import { checkConnection } from './refresh';
import { endConnection, getConnection } from './vault';

const connectionInput = z.object({ connectionId: z.uuid() });

/** An admin ends a traveller's connection: the stored tokens are deleted at once, audited. */
export const disconnectTraveller = staffAction({
  permission: 'connections.manage',
  input: connectionInput,
  handler: async ({ connectionId }, { staff }) => {
    const db = await getDb();
    const connection = await getConnection(db, connectionId);
    if (!connection) refuse('No such connection. Reload the page.');
    if (!(await endConnection(db, connectionId, staff.id))) refuse('This connection has already ended.');
    await recordAuditEvent(db, {
      actor: staff.id,
      action: 'connection.ended',
      subjectType: 'member',
      subjectId: connection.member_id,
      detail: { connectionId, requestId: connection.request_id },
    });
    return { connectionId };
  },
});

/** Makes one call to Concur as the traveller, refreshing the tokens if due: does the connection still work? */
export const checkTravellerConnection = staffAction({
  permission: 'members.read',
  input: connectionInput,
  handler: async ({ connectionId }, { staff }) => {
    const db = await getDb();
    const connection = await getConnection(db, connectionId);
    if (!connection) refuse('No such connection. Reload the page.');
    const deps = {
      db,
      keyring: () => loadKeyring(getEnv()),
      concur: getConcurClient(),
      logger: log.child({ component: 'connections' }),
    };
    let result: Awaited<ReturnType<typeof checkConnection>>;
    try {
      result = await checkConnection(deps, connectionId);
    } catch (error) {
      if (!(error instanceof ConcurError)) throw error;
      logConcurFailure('connection.check.failed', error, 'checking a traveller connection failed');
      refuse(`Could not check it. ${userMessage(error)}`);
    }
    await recordAuditEvent(db, {
      actor: staff.id,
      action: 'connection.checked',
      subjectType: 'member',
      subjectId: connection.member_id,
      detail: { connectionId, works: result.ok },
    });
    if (result.ok) {
      return { works: true, message: result.wasRefreshed ? 'It works (its tokens were refreshed).' : 'It works.' };
    }
    return {
      works: false,
      message:
        result.reason === 'needs-reconnect'
          ? 'Concur no longer accepts it: the traveller has to connect again from Concur.'
          : 'This connection has no tokens any more.',
    };
  },
});
