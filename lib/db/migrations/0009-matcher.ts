import { type Kysely, sql } from 'kysely';

/**
 * The automatic matcher: what it judged of each queued request (judged again when the request
 * comes back, changes, or a member import happened since: `members.changed-at` in app_setting), and the decisions it holds
 * for a while before they go (so staff can override them). A held decision is a decision row
 * like any other, in state `held` until its hold ends; overridden, cancelled or withdrawn ones
 * never leave that state again, so nothing can send them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('match_evaluation')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('request_id', 'text', (col) => col.notNull())
    .addColumn('evaluated_at', 'text', (col) => col.notNull())
    /** What the judgement rests on: the request's return count and lastModified. A change means judge again. */
    .addColumn('basis', 'text', (col) => col.notNull())
    /** connect | fail | exception */
    .addColumn('verdict', 'text', (col) => col.notNull())
    /** The rule that decided (last-loyalty, last-email, no-member); null for an exception. */
    .addColumn('rule', 'text')
    /** Why a person must decide: no-candidate, several-candidates, loyalty-only, …; null when a rule decided. */
    .addColumn('reason', 'text')
    .addColumn('outcome_code', 'text')
    .addColumn('member_id', 'text')
    /** JSON: the candidates' member ids and match labels. Member ids only, never personal data. */
    .addColumn('evidence', 'text', (col) => col.notNull())
    /** The policy when it was judged: off | shadow | auto. */
    .addColumn('policy', 'text', (col) => col.notNull())
    .addColumn('superseded_at', 'text')
    /** The staff decision made while this was current, and whether it agreed (shadow counting). */
    .addColumn('staff_decision_id', 'text')
    /** agree | disagree; null for an exception or before a person decided. */
    .addColumn('agreement', 'text')
    .execute();
  // One current judgement per request, whichever instance judges.
  await db.schema
    .createIndex('match_evaluation_current')
    .on('match_evaluation')
    .column('request_id')
    .unique()
    .where(sql.ref('superseded_at'), 'is', null)
    .execute();
  await db.schema.createIndex('match_evaluation_evaluated_at').on('match_evaluation').column('evaluated_at').execute();

  await db.schema.alterTable('decision').addColumn('hold_until', 'text').execute();
  await db.schema.alterTable('decision').addColumn('evaluation_id', 'text').execute();
  /** A staff decision that replaced a held automatic one. */
  await db.schema.alterTable('decision').addColumn('overrides_decision_id', 'text').execute();
  /** Who ended a held decision (cancelled, overrode, sent it early), and when. */
  await db.schema.alterTable('decision').addColumn('ended_by', 'text').execute();
  await db.schema.alterTable('decision').addColumn('ended_at', 'text').execute();

  // A held decision holds the request's place as an open one does.
  await db.schema.dropIndex('decision_request_open').execute();
  await db.schema
    .createIndex('decision_request_open')
    .on('decision')
    .column('request_id')
    .unique()
    .where(sql.ref('send_state'), 'in', ['held', 'sending', 'failed'])
    .execute();
  // An override is made on the same view of the request as the held decision it replaces.
  await db.schema.dropIndex('decision_request_view').execute();
  await db.schema
    .createIndex('decision_request_view')
    .on('decision')
    .columns(['request_id', 'based_on_last_modified'])
    .unique()
    .where(sql.ref('send_state'), 'not in', ['cancelled', 'overridden', 'withdrawn'])
    .execute();
  await db.schema.createIndex('decision_hold').on('decision').columns(['send_state', 'hold_until']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('decision_hold').execute();
  await db.schema.dropIndex('decision_request_view').execute();
  await db.schema
    .createIndex('decision_request_view')
    .on('decision')
    .columns(['request_id', 'based_on_last_modified'])
    .unique()
    .execute();
  await db.schema.dropIndex('decision_request_open').execute();
  await db.schema
    .createIndex('decision_request_open')
    .on('decision')
    .column('request_id')
    .unique()
    .where(sql.ref('send_state'), 'in', ['sending', 'failed'])
    .execute();
  for (const column of ['ended_at', 'ended_by', 'overrides_decision_id', 'evaluation_id', 'hold_until']) {
    await db.schema.alterTable('decision').dropColumn(column).execute();
  }
  await db.schema.dropTable('match_evaluation').execute();
}
