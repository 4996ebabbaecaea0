//! Invitations a provider cannot list (Model-Prime's: they are Auth0's), known from the
//! journal instead: reconcile counts them as present, and onboarding does not send them
//! again (the provider would answer 409 for a pending one).

use crate::{Action, Capabilities, Plan, Provider};

/// An invitation sent by an earlier run to a provider whose API cannot list pending
/// invitations (see [`Capabilities::lists_invitations`]), as the journal recorded it.
/// Reconcile counts it as present and plans a `!` (left alone) naming the run, instead
/// of inviting the person again. The caller decides how old an invitation may be to
/// still count ([`SentInvitation::lifetime`] is Auth0's default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentInvitation {
    /// Where it was sent.
    pub provider: Provider,
    /// To whom.
    pub email: String,
    /// The journal's run id.
    pub run: String,
    /// When it was sent.
    pub sent_at: chrono::DateTime<chrono::Utc>,
}

impl SentInvitation {
    /// How long an invitation counts as pending: Auth0's default invitation lifetime.
    /// An older one has expired or been accepted (then the account is listed).
    pub fn lifetime() -> chrono::TimeDelta {
        chrono::TimeDelta::days(7)
    }

    /// Why it is not sent again, as a skipped step says.
    pub fn reason(&self) -> String {
        format!(
            "invitation sent {} by run {} is pending ({}'s API cannot list invitations; the \
             access takes effect when it is accepted)",
            self.sent_at.format("%Y-%m-%d %H:%M UTC"),
            self.run.get(..8).unwrap_or(&self.run),
            self.provider
        )
    }
}

impl Plan {
    /// Skip the steps creating accounts that `sent` says are pending invitations at
    /// providers that cannot list them; how many were skipped.
    ///
    /// ```
    /// use usermgmt::{Action, Person, Plan, PlanKind, Provider, SentInvitation, Step};
    /// let mut plan = Plan::new(PlanKind::Onboard, Person::new("joan@acme.example")?);
    /// plan.steps.push(Step {
    ///     provider: Provider::ModelPrime,
    ///     action: Action::Create {
    ///         email: "joan@acme.example".into(),
    ///         name: None,
    ///         first_name: None,
    ///         last_name: None,
    ///         access: usermgmt::Access::ModelPrimeRoles { roles: vec!["developer".into()] },
    ///     },
    ///     before: None,
    ///     person: None,
    /// });
    /// let sent = SentInvitation {
    ///     provider: Provider::ModelPrime,
    ///     email: "joan@acme.example".into(),
    ///     run: "5d764b66".into(),
    ///     sent_at: chrono::Utc::now(),
    /// };
    /// assert_eq!(plan.skip_sent_invitations(&[sent]), 1);
    /// assert!(plan.is_empty());
    /// # Ok::<(), usermgmt::Error>(())
    /// ```
    pub fn skip_sent_invitations(&mut self, sent: &[SentInvitation]) -> usize {
        let mut skipped = 0;
        for step in &mut self.steps {
            let Action::Create { email, .. } = &step.action else {
                continue;
            };
            let pending = sent.iter().find(|i| {
                i.provider == step.provider
                    && !Capabilities::of(i.provider).lists_invitations
                    && i.email.trim().eq_ignore_ascii_case(email.trim())
            });
            if let Some(invitation) = pending {
                step.action = Action::Skip {
                    reason: invitation.reason(),
                };
                skipped += 1;
            }
        }
        skipped
    }
}
