//! Invitations the journal knows were sent, for providers whose API cannot list them:
//! reconcile counts them as present instead of inviting the person again.

use chrono::{DateTime, Utc};
use rusqlite::params;
use usermgmt::{Capabilities, Provider, SentInvitation};

use crate::store::{parse_time, timestamp};
use crate::{Journal, JournalError};

impl Journal {
    /// The invitations still pending, as far as the journal knows, at every provider
    /// that cannot list them: sent within [`SentInvitation::lifetime`].
    pub fn pending_invitations(&self) -> Result<Vec<SentInvitation>, JournalError> {
        let since = Utc::now() - SentInvitation::lifetime();
        let mut pending = Vec::new();
        for provider in Provider::ALL
            .into_iter()
            .filter(|p| !Capabilities::of(*p).lists_invitations)
        {
            pending.extend(self.sent_invitations(provider, since)?);
        }
        Ok(pending)
    }

    /// The invitations (`create` steps) sent to `provider` since `since` whose latest
    /// outcome is done or already done, oldest first; one per email (the newest).
    ///
    /// ```
    /// use chrono::{Duration, Utc};
    /// use usermgmt::Provider;
    /// let journal = usermgmt_journal::Journal::open_in_memory()?;
    /// let week_ago = Utc::now() - Duration::days(7);
    /// assert!(journal.sent_invitations(Provider::ModelPrime, week_ago)?.is_empty());
    /// # Ok::<(), usermgmt_journal::JournalError>(())
    /// ```
    pub fn sent_invitations(
        &self,
        provider: Provider,
        since: DateTime<Utc>,
    ) -> Result<Vec<SentInvitation>, JournalError> {
        let connection = self.lock();
        let mut query = connection.prepare(
            "SELECT s.run_id, s.target, e.at FROM steps s
             JOIN events e ON e.id = (
                 SELECT max(id) FROM events WHERE run_id = s.run_id AND idx = s.idx)
             WHERE s.provider = ?1 AND s.action = 'create' AND e.kind = 'outcome'
               AND e.status IN ('done', 'already-done') AND e.at >= ?2
             ORDER BY e.id",
        )?;
        let rows = query.query_map(params![provider.id(), timestamp(since)], |row| {
            Ok(SentInvitation {
                provider,
                run: row.get(0)?,
                email: row.get(1)?,
                sent_at: parse_time(&row.get::<_, String>(2)?),
            })
        })?;
        let mut newest = std::collections::BTreeMap::new();
        for invitation in rows {
            let invitation = invitation?;
            newest.insert(invitation.email.to_ascii_lowercase(), invitation);
        }
        let mut invitations: Vec<SentInvitation> = newest.into_values().collect();
        invitations.sort_by_key(|i| i.sent_at);
        Ok(invitations)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use serde_json::json;

    use super::*;
    use crate::{NewRun, NewStep, OutcomeStatus, StepOutcome};

    fn run_with(
        journal: &Journal,
        plan: &str,
        provider: &str,
        action: &str,
        target: &str,
    ) -> String {
        journal
            .begin_run(NewRun {
                plan_id: plan.into(),
                kind: "reconcile".into(),
                started_at: Utc::now(),
                os_user: "ada".into(),
                command_line: "usermgmt reconcile roster.yaml --apply".into(),
                plan: json!({}),
                steps: vec![NewStep {
                    index: 0,
                    provider: provider.into(),
                    target: target.into(),
                    action: action.into(),
                    idempotent: false,
                    detail: json!({}),
                    before: None,
                }],
            })
            .unwrap()
    }

    fn finish(journal: &Journal, run: &str, status: OutcomeStatus, at: DateTime<Utc>) {
        journal.record_intent(run, 0, at).unwrap();
        let outcome = StepOutcome {
            status,
            http_status: None,
            request_id: None,
            error: None,
            detail: None,
            at,
        };
        journal.record_outcome(run, 0, outcome).unwrap();
    }

    #[test]
    fn only_done_recent_creates_at_the_provider_count() {
        let journal = Journal::open_in_memory().unwrap();
        let now = Utc::now();
        let joan = run_with(&journal, "p1", "modelprime", "create", "joan@acme.example");
        finish(&journal, &joan, OutcomeStatus::Done, now);
        let old = run_with(&journal, "p2", "modelprime", "create", "old@acme.example");
        finish(
            &journal,
            &old,
            OutcomeStatus::Done,
            now - Duration::days(30),
        );
        let failed = run_with(&journal, "p3", "modelprime", "create", "bad@acme.example");
        finish(&journal, &failed, OutcomeStatus::Failed, now);
        let elsewhere = run_with(&journal, "p4", "axiom", "create", "ax@acme.example");
        finish(&journal, &elsewhere, OutcomeStatus::Done, now);
        let removal = run_with(&journal, "p5", "modelprime", "delete", "gone@acme.example");
        finish(&journal, &removal, OutcomeStatus::Done, now);
        // Intent without outcome: it may not have been sent.
        let unknown = run_with(&journal, "p6", "modelprime", "create", "maybe@acme.example");
        journal.record_intent(&unknown, 0, now).unwrap();

        let sent = journal
            .sent_invitations(Provider::ModelPrime, now - Duration::days(7))
            .unwrap();
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert_eq!(sent[0].email, "joan@acme.example");
        assert_eq!(sent[0].run, joan);
        assert_eq!(sent[0].provider, Provider::ModelPrime);
    }

    #[test]
    fn a_resent_invitation_counts_once_from_its_newest_run() {
        let journal = Journal::open_in_memory().unwrap();
        let now = Utc::now();
        let first = run_with(&journal, "p1", "modelprime", "create", "joan@acme.example");
        finish(
            &journal,
            &first,
            OutcomeStatus::Done,
            now - Duration::days(2),
        );
        let again = run_with(&journal, "p2", "modelprime", "create", "Joan@acme.example");
        finish(&journal, &again, OutcomeStatus::AlreadyDone, now);
        let sent = journal
            .sent_invitations(Provider::ModelPrime, now - Duration::days(7))
            .unwrap();
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert_eq!(sent[0].run, again);
    }
}
