//! [`Sandbox`]: five running fakes, their endpoints, fault handles and test-only views.
//!
//! All five ports are bound before any server starts, so a port conflict fails fast and
//! leaves nothing running. Dropping the sandbox stops the servers.

use std::fmt;
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use wiremock::MockServer;

use crate::adverity::{self, AdverityApi};
use crate::axiom::{self, AxiomApi};
use crate::axolo::{self, AxoloApi};
use crate::builder::SandboxBuilder;
use crate::endpoint::Endpoint;
use crate::faults::Faults;
use crate::inspect::{AxoloEngineer, ModelPrimeInvitation};
use crate::modelprime::{self, ModelPrimeApi};
use crate::paradime::{self, ParadimeApi};
use crate::persist::{self, StateFile, States};
use crate::server::serve;
use crate::shared::{Shared, lock, shared};
use crate::{FakeApi, SandboxError};

/// Stateful fakes of the five user-management APIs on 127.0.0.1.
///
/// ```no_run
/// # async fn demo() -> Result<(), usermgmt_sandbox::SandboxError> {
/// use usermgmt_sandbox::Sandbox;
///
/// let sandbox = Sandbox::start().await?;
/// for (name, value) in sandbox.env_vars() {
///     println!("export {name}={value}");
/// }
/// // AXIOM_URL=http://127.0.0.1:<port>/v2, AXIOM_TOKEN=..., ...
/// # Ok(()) }
/// ```
pub struct Sandbox {
    endpoints: Vec<Endpoint>,
    faults: Vec<Faults>,
    axiom: Shared<axiom::State>,
    adverity: Shared<adverity::State>,
    paradime: Shared<paradime::State>,
    modelprime: Shared<modelprime::State>,
    axolo: Shared<axolo::State>,
    state_file: Option<Arc<StateFile>>,
    // Held only so that dropping the sandbox stops the servers.
    _servers: Vec<MockServer>,
}

impl Sandbox {
    /// Starts all five fakes on OS-assigned ports with the demo seed.
    pub async fn start() -> Result<Sandbox, SandboxError> {
        Sandbox::builder().start().await
    }

    /// A builder for fixed ports, another seed or synthetic users.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    pub(crate) async fn from_builder(builder: SandboxBuilder) -> Result<Sandbox, SandboxError> {
        let (state_file, snapshot) = match &builder.state_file {
            Some(path) => {
                let lock = persist::lock_state(path)?;
                (Some((path.clone(), lock)), persist::read(path)?)
            }
            None => (None, None),
        };
        let listeners = bind(builder.port_base)?;
        let fresh = snapshot.is_none();
        let (axiom, adverity, paradime, modelprime, axolo) = match snapshot {
            Some(s) => (s.axiom, s.adverity, s.paradime, s.modelprime, s.axolo),
            None => (
                axiom::State::new(builder.seed),
                adverity::State::new(builder.seed),
                paradime::State::new(builder.seed),
                modelprime::State::new(builder.seed),
                axolo::State::new(builder.seed),
            ),
        };
        let states = States {
            axiom: shared(axiom),
            adverity: shared(adverity),
            paradime: shared(paradime),
            modelprime: shared(modelprime),
            axolo: shared(axolo),
        };
        let state_file =
            state_file.map(|(path, lock)| Arc::new(StateFile::new(path, lock, states.clone())));
        let States {
            axiom,
            adverity,
            paradime,
            modelprime,
            axolo,
        } = states;
        let faults: Vec<Faults> = FakeApi::ALL.iter().map(|_| Faults::default()).collect();
        let mut endpoints = Vec::with_capacity(5);
        let mut servers = Vec::with_capacity(5);
        for (provider, (listener, port)) in FakeApi::ALL.into_iter().zip(listeners) {
            endpoints.push(Endpoint::new(provider, port));
            let fault = faults[provider.index()].clone();
            let server = match provider {
                FakeApi::Axiom => {
                    serve(
                        AxiomApi {
                            state: axiom.clone(),
                        },
                        fault,
                        state_file.clone(),
                        listener,
                    )
                    .await
                }
                FakeApi::Adverity => {
                    let api = AdverityApi {
                        state: adverity.clone(),
                        host: format!("127.0.0.1:{port}"),
                    };
                    serve(api, fault, state_file.clone(), listener).await
                }
                FakeApi::Paradime => {
                    serve(
                        ParadimeApi {
                            state: paradime.clone(),
                        },
                        fault,
                        state_file.clone(),
                        listener,
                    )
                    .await
                }
                FakeApi::ModelPrime => {
                    let api = ModelPrimeApi {
                        state: modelprime.clone(),
                    };
                    serve(api, fault, state_file.clone(), listener).await
                }
                FakeApi::Axolo => {
                    serve(
                        AxoloApi {
                            state: axolo.clone(),
                        },
                        fault,
                        state_file.clone(),
                        listener,
                    )
                    .await
                }
            };
            servers.push(server);
        }
        let sandbox = Sandbox {
            endpoints,
            faults,
            axiom,
            adverity,
            paradime,
            modelprime,
            axolo,
            state_file,
            _servers: servers,
        };
        if fresh {
            for (provider, n) in builder.synthetic {
                sandbox.seed_synthetic_users(provider, n);
            }
            sandbox.save()?;
        }
        Ok(sandbox)
    }

    /// The Axiom fake (`http://127.0.0.1:P/v2`).
    pub fn axiom(&self) -> &Endpoint {
        self.endpoint(FakeApi::Axiom)
    }

    /// The Adverity fake (`http://127.0.0.1:P/api/v1`).
    pub fn adverity(&self) -> &Endpoint {
        self.endpoint(FakeApi::Adverity)
    }

    /// The Paradime fake: the full GraphQL endpoint
    /// (`http://127.0.0.1:P/api/v1/<company-token>/graphql`).
    pub fn paradime(&self) -> &Endpoint {
        self.endpoint(FakeApi::Paradime)
    }

    /// The Model-Prime fake (`http://127.0.0.1:P/api/oum/v1`).
    pub fn modelprime(&self) -> &Endpoint {
        self.endpoint(FakeApi::ModelPrime)
    }

    /// The Axolo fake (`http://127.0.0.1:P/v1`).
    pub fn axolo(&self) -> &Endpoint {
        self.endpoint(FakeApi::Axolo)
    }

    /// The fake of `provider`.
    pub fn endpoint(&self, provider: FakeApi) -> &Endpoint {
        &self.endpoints[provider.index()]
    }

    /// Environment variables that point the SDK and CLI at this sandbox: for each provider
    /// its URL variable (`AXIOM_URL`, `ADVERITY_URL`, `PARADIME_API_URL`, `MODELPRIME_URL`,
    /// `AXOLO_URL`) followed by its credentials (`AXIOM_TOKEN`, `ADVERITY_TOKEN`,
    /// `PARADIME_API_KEY`, `PARADIME_API_SECRET`, `MODELPRIME_EMAIL`, `MODELPRIME_TOKEN`,
    /// `AXOLO_API_KEY`).
    pub fn env_vars(&self) -> Vec<(&'static str, String)> {
        let mut vars = Vec::with_capacity(12);
        for provider in FakeApi::ALL {
            let endpoint = self.endpoint(provider);
            vars.push((Endpoint::url_var(provider), endpoint.base_url.clone()));
            vars.extend(endpoint.credentials.iter().cloned());
        }
        vars
    }

    /// The fault handle of `provider`; faults apply to that provider's next requests.
    pub fn faults(&self, provider: FakeApi) -> Faults {
        self.faults[provider.index()].clone()
    }

    /// Adds `n` deterministic synthetic users to `provider`: `user00001@load.example`,
    /// `user00002@load.example`, ... continuing after earlier calls (Axolo: GitHub logins
    /// `load-user00001`, ...). 100,000 take well under a second.
    pub fn seed_synthetic_users(&self, provider: FakeApi, n: usize) {
        match provider {
            FakeApi::Axiom => lock(&self.axiom).add_synthetic(n),
            FakeApi::Adverity => lock(&self.adverity).add_synthetic(n),
            FakeApi::Paradime => lock(&self.paradime).add_synthetic(n),
            FakeApi::ModelPrime => lock(&self.modelprime).add_synthetic(n),
            FakeApi::Axolo => lock(&self.axolo).add_synthetic(n),
        }
        self.save_or_log();
    }

    /// Engineers currently onboarded in the Axolo fake (the API itself has no list).
    pub fn axolo_engineers(&self) -> Vec<AxoloEngineer> {
        lock(&self.axolo).engineers().to_vec()
    }

    /// Pending Model-Prime invitations (invisible through the API until accepted).
    pub fn modelprime_invitations(&self) -> Vec<ModelPrimeInvitation> {
        lock(&self.modelprime).invitations().to_vec()
    }

    /// Accepts the pending Model-Prime invitation for `email`, as the invitee would: the
    /// member appears in `GET /users` with the invited roles. Returns the new user id.
    pub fn modelprime_accept_invitation(&self, email: &str) -> Option<String> {
        let accepted = lock(&self.modelprime).accept(email);
        self.save_or_log();
        accepted
    }

    /// Where this sandbox keeps its state, if it was started with
    /// [`SandboxBuilder::state_file`](crate::SandboxBuilder::state_file).
    pub fn state_path(&self) -> Option<&Path> {
        self.state_file.as_ref().map(|file| file.path())
    }

    /// Removes the state file at `path`, so the next sandbox started with it begins from
    /// the seed again; `Ok(false)` when there was none. Refused
    /// ([`SandboxError::StateInUse`]) while a sandbox (in any process) uses it.
    pub fn reset_state(path: impl AsRef<Path>) -> Result<bool, SandboxError> {
        persist::remove(path.as_ref())
    }

    /// Writes the state file now (a no-op without one).
    fn save(&self) -> Result<(), SandboxError> {
        self.state_file.as_ref().map_or(Ok(()), |file| file.save())
    }

    /// [`Sandbox::save`], logging a failure (the change it follows has been made).
    fn save_or_log(&self) {
        if let Some(file) = &self.state_file {
            file.save_or_log();
        }
    }

    /// Emails of disabled Paradime users (they no longer appear in `listUsers`).
    pub fn paradime_disabled_users(&self) -> Vec<String> {
        lock(&self.paradime)
            .members()
            .iter()
            .filter(|m| m.disabled)
            .map(|m| m.email.clone())
            .collect()
    }
}

impl Drop for Sandbox {
    /// Releases the state file at once (the servers stop in the background).
    fn drop(&mut self) {
        if let Some(file) = &self.state_file {
            file.close();
        }
    }
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("endpoints", &self.endpoints)
            .finish_non_exhaustive()
    }
}

/// Binds the five listeners (all or nothing).
fn bind(port_base: Option<u16>) -> Result<Vec<(TcpListener, u16)>, SandboxError> {
    let ports: Vec<u16> = match port_base {
        None => vec![0; 5],
        Some(base) => (0..5u16)
            .map(|i| base.checked_add(i))
            .collect::<Option<_>>()
            .ok_or(SandboxError::PortRange { base })?,
    };
    FakeApi::ALL
        .into_iter()
        .zip(ports)
        .map(|(provider, port)| {
            let fail = |source| SandboxError::Bind {
                provider,
                port,
                source,
            };
            let listener = TcpListener::bind(("127.0.0.1", port)).map_err(fail)?;
            let actual = listener.local_addr().map_err(fail)?.port();
            Ok((listener, actual))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + 'static>() {}

    #[test]
    fn sandbox_and_fault_handles_can_be_shared_across_threads() {
        assert_send_sync::<Sandbox>();
        assert_send_sync::<Faults>();
        assert_send_sync::<Endpoint>();
    }

    #[test]
    fn port_base_too_high_is_rejected_before_binding() {
        assert!(matches!(
            bind(Some(65_532)),
            Err(SandboxError::PortRange { base: 65_532 })
        ));
    }
}
