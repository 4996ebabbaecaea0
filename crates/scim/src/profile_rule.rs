//! Which access profile a user created through SCIM gets.

use std::fmt;
use std::str::FromStr;

/// How the bridge picks the access profile of a user an identity provider creates.
///
/// ```
/// use usermgmt_scim::ProfileRule;
/// let rule: ProfileRule = "group".parse()?;
/// assert_eq!(rule, ProfileRule::Group);
/// assert_eq!(ProfileRule::default(), ProfileRule::Department);
/// # Ok::<(), usermgmt_scim::UnknownProfileRule>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProfileRule {
    /// The profile the enterprise extension's `department` names (ignoring case), else
    /// the default profile; a create matching neither is refused (`400 invalidValue`).
    #[default]
    Department,
    /// Always the default profile, whatever the department says.
    Default,
    /// None at creation: the user is stored with no accounts, and joining a profile's
    /// group (Okta's group push, Entra's group assignment) onboards them with it.
    Group,
}

impl ProfileRule {
    /// Every rule, as `--profile-rule` spells them.
    pub const ALL: [ProfileRule; 3] = [
        ProfileRule::Department,
        ProfileRule::Default,
        ProfileRule::Group,
    ];

    /// The rule's name: `department`, `default` or `group`.
    pub fn name(self) -> &'static str {
        match self {
            ProfileRule::Department => "department",
            ProfileRule::Default => "default",
            ProfileRule::Group => "group",
        }
    }
}

impl fmt::Display for ProfileRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A profile rule name that is none of [`ProfileRule::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is no profile rule: use department, default or group")]
pub struct UnknownProfileRule(pub String);

impl FromStr for ProfileRule {
    type Err = UnknownProfileRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProfileRule::ALL
            .into_iter()
            .find(|rule| rule.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownProfileRule(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_parses_from_its_name_and_others_are_refused() {
        for rule in ProfileRule::ALL {
            assert_eq!(rule.name().parse::<ProfileRule>(), Ok(rule));
            assert_eq!(
                rule.to_string().to_uppercase().parse::<ProfileRule>(),
                Ok(rule)
            );
        }
        let error = "departments".parse::<ProfileRule>().unwrap_err();
        assert!(error.to_string().contains("department, default or group"));
        assert!("".parse::<ProfileRule>().is_err());
    }
}
