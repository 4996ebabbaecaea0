//! Applying a [`Plan`]: refuse it whole if it was applied before or any target changed
//! since planning, record the run, then run the steps concurrently, each recorded before
//! its request and after its answer. A cancellation stops new steps from starting and
//! gives the ones in flight a bounded grace period.

use std::time::Duration;

use chrono::Utc;
use futures::StreamExt;
use tokio_util::sync::CancellationToken;
use usermgmt_runtime::Provider;

use crate::record::{RecordError, Recorder, RunMeta};
use crate::{Action, ApplyReport, Directory, Outcome, Plan, Snapshot, Status, Step, StepReport};

/// How to apply a plan.
///
/// No setting is required. Without [`with_recorder`](Self::with_recorder) the run is not
/// journaled (nothing to resume from after a crash); without
/// [`with_cancel`](Self::with_cancel) it cannot be interrupted; the metadata defaults to
/// the current user and `(sdk)` as the command; grace 10 s; 8 steps at once.
///
/// ```
/// use std::time::Duration;
/// use usermgmt::ApplyOptions;
/// let options = ApplyOptions::default().with_grace(Duration::from_secs(5));
/// ```
#[derive(Clone)]
pub struct ApplyOptions<'a> {
    recorder: Option<&'a dyn Recorder>,
    meta: RunMeta,
    cancel: CancellationToken,
    grace: Duration,
    concurrency: usize,
}

impl Default for ApplyOptions<'_> {
    fn default() -> Self {
        Self {
            recorder: None,
            meta: RunMeta::current("(sdk)"),
            cancel: CancellationToken::new(),
            grace: Duration::from_secs(10),
            concurrency: 8,
        }
    }
}

impl std::fmt::Debug for ApplyOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplyOptions")
            .field("recorded", &self.recorder.is_some())
            .field("meta", &self.meta)
            .field("grace", &self.grace)
            .field("concurrency", &self.concurrency)
            .finish_non_exhaustive()
    }
}

impl<'a> ApplyOptions<'a> {
    /// Record the run with `recorder` (a journal).
    pub fn with_recorder(mut self, recorder: &'a dyn Recorder) -> Self {
        self.recorder = Some(recorder);
        self
    }

    /// Who runs it and with which command line, for the record.
    pub fn with_meta(mut self, meta: RunMeta) -> Self {
        self.meta = meta;
        self
    }

    /// Stop starting steps once `cancel` is cancelled.
    pub fn with_cancel(mut self, cancel: CancellationToken) -> Self {
        self.cancel = cancel;
        self
    }

    /// How long steps in flight may go on after a cancellation. Default 10 s.
    pub fn with_grace(mut self, grace: Duration) -> Self {
        self.grace = grace;
        self
    }

    /// Steps run at once (at least 1). Default 8.
    pub fn with_concurrency(mut self, steps: usize) -> Self {
        self.concurrency = steps.max(1);
        self
    }
}

/// Why a plan was not applied. Nothing was changed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApplyError {
    /// A target changed since planning.
    #[error("plan is stale: {}; plan again", changes.join("; "))]
    Stale {
        /// What changed, one entry per target.
        changes: Vec<String>,
    },
    /// The plan was applied before.
    #[error("plan {plan_id} was already applied (run {run_id})")]
    AlreadyApplied {
        /// The plan.
        plan_id: String,
        /// The run that applied it.
        run_id: String,
    },
    /// A target could not be read to check the plan.
    #[error("cannot check the plan against {provider}: {source}")]
    Check {
        /// The provider that could not be read.
        provider: Provider,
        /// Why.
        #[source]
        source: crate::Error,
    },
    /// The journal could not record the run.
    #[error("cannot record the run: {0}")]
    Record(RecordError),
}

impl Directory {
    /// Run `plan` as it is: no journal, no stale check, no cancellation. Steps already
    /// done count as [`Outcome::AlreadyDone`], so applying again is harmless.
    pub async fn apply(&self, plan: &Plan) -> ApplyReport {
        let options = ApplyOptions::default();
        let indices: Vec<usize> = (0..plan.steps.len()).collect();
        self.run_steps(plan, &indices, None, &options, false).await
    }

    /// Apply `plan` exactly: refused whole if the recorder says it was applied before,
    /// or if any target changed since planning ([`ApplyError::Stale`] naming what).
    /// Then the run is recorded, and the steps run with `options`.
    pub async fn apply_with(
        &self,
        plan: &Plan,
        options: &ApplyOptions<'_>,
    ) -> Result<ApplyReport, ApplyError> {
        if let Some(recorder) = options.recorder
            && let Some(run_id) = recorder.applied_run(&plan.id).map_err(ApplyError::Record)?
        {
            return Err(ApplyError::AlreadyApplied {
                plan_id: plan.id.clone(),
                run_id,
            });
        }
        self.check_stale(plan).await?;
        let run_id = match options.recorder {
            Some(recorder) => Some(
                recorder
                    .begin(plan, &options.meta)
                    .map_err(ApplyError::Record)?,
            ),
            None => None,
        };
        let indices: Vec<usize> = (0..plan.steps.len()).collect();
        let report = self
            .run_steps(plan, &indices, run_id.clone(), options, false)
            .await;
        if let (Some(recorder), Some(run)) = (options.recorder, &run_id) {
            recorder
                .end(run, report.interrupted)
                .map_err(ApplyError::Record)?;
        }
        Ok(report)
    }

    /// Finish the recorded run `run_id` of `plan`: the steps `unfinished` (never
    /// started, unknown or failed) are looked up first and only what is still needed is
    /// sent. A creation is sent again only when the lookup shows it did not land.
    pub async fn resume(
        &self,
        plan: &Plan,
        run_id: &str,
        unfinished: &[usize],
        options: &ApplyOptions<'_>,
    ) -> Result<ApplyReport, ApplyError> {
        if let Some(recorder) = options.recorder {
            recorder
                .resumed(run_id, &options.meta)
                .map_err(ApplyError::Record)?;
        }
        let report = self
            .run_steps(plan, unfinished, Some(run_id.to_string()), options, true)
            .await;
        if let Some(recorder) = options.recorder {
            recorder
                .end(run_id, report.interrupted)
                .map_err(ApplyError::Record)?;
        }
        Ok(report)
    }

    /// Compare every target with its before-state: per provider, one lookup of the
    /// plan's person, or one listing for a plan about several people.
    async fn check_stale(&self, plan: &Plan) -> Result<(), ApplyError> {
        let mut providers: Vec<Provider> = plan
            .steps
            .iter()
            .filter(|s| checkable(&s.action))
            .map(|s| s.provider)
            .collect();
        providers.sort();
        providers.dedup();
        let lookups = providers.iter().map(|provider| async move {
            let now = match self.backend(*provider) {
                Some(backend) => self.accounts_of_plan(backend, plan).await,
                None => Err(crate::directory::unsupported(*provider, "this directory")),
            };
            (*provider, now)
        });
        let mut changes = Vec::new();
        for (provider, now) in futures::future::join_all(lookups).await {
            let now = now.map_err(|source| ApplyError::Check { provider, source })?;
            let mut people: Vec<String> = plan
                .steps
                .iter()
                .filter(|s| s.provider == provider)
                .filter_map(|s| {
                    plan.person_of(s)
                        .map(|p| p.email().as_str().to_ascii_lowercase())
                })
                .collect();
            people.sort();
            people.dedup();
            for email in people {
                let steps = plan.steps.iter().filter(|s| {
                    s.provider == provider
                        && plan
                            .person_of(s)
                            .is_some_and(|p| p.email().as_str().eq_ignore_ascii_case(&email))
                });
                let theirs: Vec<Snapshot> = now
                    .iter()
                    .filter(|a| {
                        a.user
                            .email
                            .as_deref()
                            .is_some_and(|e| e.eq_ignore_ascii_case(&email))
                    })
                    .cloned()
                    .collect();
                changes.extend(stale_changes(provider, steps, &theirs));
            }
        }
        if changes.is_empty() {
            Ok(())
        } else {
            Err(ApplyError::Stale { changes })
        }
    }

    async fn run_steps(
        &self,
        plan: &Plan,
        indices: &[usize],
        run_id: Option<String>,
        options: &ApplyOptions<'_>,
        verify_first: bool,
    ) -> ApplyReport {
        let run = run_id.as_deref();
        let mut steps: Vec<StepReport> = futures::stream::iter(indices.iter().copied())
            .filter(|i| futures::future::ready(*i < plan.steps.len()))
            .map(|index| self.run_step(plan, index, run, options, verify_first))
            .buffer_unordered(options.concurrency)
            .collect()
            .await;
        steps.sort_by_key(|s| s.index);
        let interrupted = steps
            .iter()
            .any(|s| matches!(s.outcome, Outcome::NotStarted | Outcome::Unknown));
        ApplyReport {
            run_id,
            interrupted,
            steps,
        }
    }

    async fn run_step(
        &self,
        plan: &Plan,
        index: usize,
        run: Option<&str>,
        options: &ApplyOptions<'_>,
        verify_first: bool,
    ) -> StepReport {
        let step = &plan.steps[index];
        let record = |report: &StepReport| -> Result<(), RecordError> {
            match (options.recorder, run) {
                (Some(recorder), Some(run)) => recorder.outcome(run, index, report),
                _ => Ok(()),
            }
        };
        let finish = |report: StepReport| {
            if let Err(error) = record(&report) {
                tracing::error!(%error, index, "could not record a step's outcome");
            }
            report
        };
        if options.cancel.is_cancelled() {
            return finish(StepReport::without_request(
                index,
                step,
                Outcome::NotStarted,
            ));
        }
        if let Some(outcome) = planned_outcome(&step.action) {
            return finish(StepReport::without_request(index, step, outcome));
        }
        if verify_first {
            match self.in_place(step, plan.person_of(step)).await {
                Ok(true) => {
                    return finish(StepReport::without_request(
                        index,
                        step,
                        Outcome::AlreadyDone,
                    ));
                }
                Ok(false) => {}
                Err(error) if step.action.creates() => {
                    let error =
                        format!("not sent: cannot check whether it already landed: {error}");
                    return finish(StepReport::without_request(
                        index,
                        step,
                        Outcome::Failed { error },
                    ));
                }
                // Removals are safe to repeat: send them anyway.
                Err(_) => {}
            }
        }
        if let (Some(recorder), Some(run)) = (options.recorder, run)
            && let Err(error) = recorder.intent(run, index)
        {
            let error = format!("not sent: the journal could not record it: {error}");
            return StepReport::without_request(index, step, Outcome::Failed { error });
        }
        let started_at = Utc::now();
        let cancel = options.cancel.clone();
        let grace = options.grace;
        let abandoned = async move {
            cancel.cancelled().await;
            tokio::time::sleep(grace).await;
        };
        let result = tokio::select! {
            result = self.execute(step, plan) => Some(result),
            () = abandoned => None,
        };
        let mut report = StepReport {
            started_at: Some(started_at),
            ..StepReport::without_request(index, step, Outcome::Unknown)
        };
        let Some(result) = result else {
            // Left without an outcome in the journal: it reads as unknown there too.
            return report;
        };
        report.finished_at = Some(Utc::now());
        match result {
            Ok(receipt) => {
                report.outcome = Outcome::Done;
                report.http_status = receipt.status;
                report.request_id = receipt.request_id;
            }
            Err(error) => {
                report.http_status = error.status();
                report.outcome = if error.is_not_found() && is_removal(&step.action) {
                    report.answer = Some(error.to_string());
                    Outcome::AlreadyDone
                } else if matches!(step.action, Action::Disable { .. })
                    && self
                        .in_place(step, plan.person_of(step))
                        .await
                        .unwrap_or(false)
                {
                    // A disable that failed may be one that already happened.
                    Outcome::AlreadyDone
                } else {
                    Outcome::Failed {
                        error: error.to_string(),
                    }
                };
            }
        }
        finish(report)
    }

    /// The accounts at `backend` of the people `plan` is about: a lookup of its person, or
    /// for a plan about several people one listing of the provider.
    async fn accounts_of_plan(
        &self,
        backend: &crate::Backend,
        plan: &Plan,
    ) -> Result<Vec<Snapshot>, crate::Error> {
        match &plan.person {
            Some(person) if plan.steps.iter().all(|s| s.person.is_none()) => {
                self.snapshots(backend, person).await
            }
            _ => {
                use futures::TryStreamExt;
                self.snapshots_of(backend).try_collect().await
            }
        }
    }

    /// Whether what `step` would do is already so (looked up, nothing sent).
    async fn in_place(
        &self,
        step: &Step,
        person: Option<&crate::Person>,
    ) -> Result<bool, crate::Error> {
        let Some(person) = person else {
            return Err(crate::Error::InvalidInput {
                provider: Some(step.provider),
                message: "the step names no person to look up".into(),
            });
        };
        let Some(backend) = self.backend(step.provider) else {
            return Err(crate::directory::unsupported(
                step.provider,
                "this directory",
            ));
        };
        let accounts = match &step.action {
            Action::Delete { .. }
            | Action::Disable { .. }
            | Action::Create { .. }
            | Action::SetAccess { .. } => self.snapshots(backend, person).await?,
            _ => return Ok(false),
        };
        Ok(match &step.action {
            Action::Delete { id, .. } => !accounts.iter().any(|a| a.user.id.as_ref() == Some(id)),
            Action::Disable { id, .. } => !accounts
                .iter()
                .any(|a| a.user.id.as_ref() == Some(id) && a.user.status == Status::Active),
            Action::Create { .. } => !accounts.is_empty(),
            Action::SetAccess { id, access, .. } => accounts.iter().any(|a| {
                a.user.id.as_ref() == Some(id)
                    && crate::Access::of(step.provider, a).is_some_and(|now| now.same_as(access))
            }),
            _ => false,
        })
    }
}

/// Steps whose outcome is decided by the plan alone (no request).
fn planned_outcome(action: &Action) -> Option<Outcome> {
    match action {
        Action::NotFound | Action::Unchanged { .. } => Some(Outcome::NothingToDo),
        Action::Skip { reason } => Some(Outcome::Skipped {
            reason: reason.clone(),
        }),
        Action::LookupFailed { error } => Some(Outcome::Failed {
            error: error.clone(),
        }),
        _ => None,
    }
}

fn is_removal(action: &Action) -> bool {
    matches!(
        action,
        Action::Delete { .. } | Action::Disable { .. } | Action::Offboard { .. }
    )
}

/// Steps whose target can be read back (Axolo has no lookup).
fn checkable(action: &Action) -> bool {
    matches!(
        action,
        Action::Delete { .. }
            | Action::Disable { .. }
            | Action::Create { .. }
            | Action::SetAccess { .. }
            | Action::NotFound
    )
}

/// What changed at `provider` between planning (`steps`) and `now`.
fn stale_changes<'a>(
    provider: Provider,
    steps: impl Iterator<Item = &'a Step>,
    now: &[Snapshot],
) -> Vec<String> {
    let mut changes = Vec::new();
    let mut planned_ids = Vec::new();
    for step in steps.filter(|s| checkable(&s.action)) {
        match (&step.action, &step.before) {
            (Action::Create { email, .. }, _) => {
                if !now.is_empty() {
                    changes.push(format!("{provider}: {email} has an account now"));
                }
            }
            (Action::NotFound, _) => {}
            (_, Some(before)) => {
                planned_ids.push(before.user.id.clone());
                let label = before.user.email.as_deref().unwrap_or("the account");
                match now.iter().find(|n| n.user.id == before.user.id) {
                    None => changes.push(format!("{provider}: {label} no longer exists")),
                    Some(current) => {
                        let diff = before.differences(current);
                        if !diff.is_empty() {
                            changes.push(format!("{provider}: {label}: {}", diff.join(", ")));
                        }
                    }
                }
            }
            (_, None) => {}
        }
    }
    let creates = changes.iter().any(|c| c.ends_with("has an account now"));
    for account in now {
        if !creates && !planned_ids.contains(&account.user.id) {
            let label = account.user.email.as_deref().unwrap_or("an account");
            changes.push(format!("{provider}: {label} appeared since planning"));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessLevel, User};

    fn account(id: &str, roles: &[&str]) -> Snapshot {
        Snapshot {
            user: User {
                provider: Provider::Axiom,
                id: Some(id.into()),
                email: Some("ada@acme.example".into()),
                name: None,
                roles: roles.iter().map(|r| r.to_string()).collect(),
                access: AccessLevel::Member,
                status: Status::Active,
            },
            record: serde_json::Value::Null,
        }
    }

    fn delete(id: &str, before: Snapshot) -> Step {
        Step {
            person: None,
            provider: Provider::Axiom,
            action: Action::Delete {
                id: id.into(),
                email: "ada@acme.example".into(),
            },
            before: Some(before),
        }
    }

    #[test]
    fn an_unchanged_target_is_not_stale() {
        let step = delete("u1", account("u1", &["user"]));
        assert!(
            stale_changes(
                Provider::Axiom,
                [&step].into_iter(),
                &[account("u1", &["user"])]
            )
            .is_empty()
        );
    }

    #[test]
    fn a_changed_missing_or_new_account_makes_the_plan_stale() {
        let step = delete("u1", account("u1", &["user"]));
        let changed = stale_changes(
            Provider::Axiom,
            [&step].into_iter(),
            &[account("u1", &["admin"])],
        );
        assert_eq!(changed.len(), 1);
        assert!(changed[0].contains("roles"), "{changed:?}");
        let gone = stale_changes(Provider::Axiom, [&step].into_iter(), &[]);
        assert!(gone[0].contains("no longer exists"), "{gone:?}");
        let not_found = Step {
            person: None,
            provider: Provider::Axiom,
            action: Action::NotFound,
            before: None,
        };
        let appeared = stale_changes(
            Provider::Axiom,
            [&not_found].into_iter(),
            &[account("u9", &[])],
        );
        assert!(
            appeared[0].contains("appeared since planning"),
            "{appeared:?}"
        );
    }
}
