//! The SCIM bridge's users and groups, kept beside the runs: the id an identity provider knows a
//! person by, its `externalId`, the attributes it wrote that no provider keeps, `meta`'s
//! times, and the run that deactivated the person (reversed when it reactivates them).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};
use serde_json::Value;

use crate::store::{parse_time, timestamp};
use crate::{Journal, JournalError};

/// One SCIM user as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ScimUser {
    /// Its SCIM id.
    pub id: String,
    /// The person's email, lower-cased: the key the providers' accounts group by.
    pub email: String,
    /// The identity provider's id for it.
    pub external_id: Option<String>,
    /// The attributes the identity provider wrote (a SCIM User object without `id`,
    /// `meta` or anything the providers' state answers).
    pub attributes: Value,
    /// `meta.created`.
    pub created: DateTime<Utc>,
    /// `meta.lastModified`.
    pub last_modified: DateTime<Utc>,
    /// The run that offboarded the person when an identity provider deactivated them.
    pub offboard_run: Option<String>,
}

const COLUMNS: &str = "id, email, external_id, attributes, created, last_modified, offboard_run";

fn from_row(row: &Row<'_>) -> rusqlite::Result<ScimUser> {
    let attributes: String = row.get(3)?;
    Ok(ScimUser {
        id: row.get(0)?,
        email: row.get(1)?,
        external_id: row.get(2)?,
        attributes: serde_json::from_str(&attributes).unwrap_or(Value::Null),
        created: parse_time(&row.get::<_, String>(4)?),
        last_modified: parse_time(&row.get::<_, String>(5)?),
        offboard_run: row.get(6)?,
    })
}

impl Journal {
    /// The SCIM user with `id`.
    ///
    /// ```
    /// use usermgmt_journal::{Journal, ScimUser};
    /// let journal = Journal::open_in_memory()?;
    /// let now = chrono::Utc::now();
    /// journal.save_scim_user(&ScimUser {
    ///     id: "2819c223".into(),
    ///     email: "joan@acme.example".into(),
    ///     external_id: Some("00u1".into()),
    ///     attributes: serde_json::json!({"userName": "joan@acme.example"}),
    ///     created: now,
    ///     last_modified: now,
    ///     offboard_run: None,
    /// })?;
    /// let stored = journal.scim_user("2819c223")?.expect("stored");
    /// assert_eq!(stored.external_id.as_deref(), Some("00u1"));
    /// assert!(journal.scim_user_by_email("Joan@acme.example")?.is_some());
    /// # Ok::<(), usermgmt_journal::JournalError>(())
    /// ```
    pub fn scim_user(&self, id: &str) -> Result<Option<ScimUser>, JournalError> {
        let connection = self.lock();
        let sql = format!("SELECT {COLUMNS} FROM scim_users WHERE id = ?1");
        Ok(connection.query_row(&sql, [id], from_row).optional()?)
    }

    /// The SCIM user of `email` (compared lower-cased).
    pub fn scim_user_by_email(&self, email: &str) -> Result<Option<ScimUser>, JournalError> {
        let connection = self.lock();
        let sql = format!("SELECT {COLUMNS} FROM scim_users WHERE email = ?1");
        Ok(connection
            .query_row(&sql, [email.to_lowercase()], from_row)
            .optional()?)
    }

    /// Every SCIM user, by email.
    pub fn scim_users(&self) -> Result<Vec<ScimUser>, JournalError> {
        let connection = self.lock();
        let sql = format!("SELECT {COLUMNS} FROM scim_users ORDER BY email");
        let mut query = connection.prepare(&sql)?;
        let users = query.query_map([], from_row)?;
        Ok(users.collect::<Result<_, _>>()?)
    }

    /// Store `user`, replacing the row with its id.
    pub fn save_scim_user(&self, user: &ScimUser) -> Result<(), JournalError> {
        let connection = self.lock();
        connection.execute(
            "INSERT INTO scim_users (id, email, external_id, attributes, created, last_modified, offboard_run)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET email = ?2, external_id = ?3, attributes = ?4,
                 created = ?5, last_modified = ?6, offboard_run = ?7",
            params![
                user.id,
                user.email.to_lowercase(),
                user.external_id,
                user.attributes.to_string(),
                timestamp(user.created),
                timestamp(user.last_modified),
                user.offboard_run,
            ],
        )?;
        Ok(())
    }

    /// Forget the SCIM user with `id`; whether there was one.
    pub fn forget_scim_user(&self, id: &str) -> Result<bool, JournalError> {
        let connection = self.lock();
        Ok(connection.execute("DELETE FROM scim_users WHERE id = ?1", [id])? > 0)
    }
}

/// One SCIM group as stored: a group an identity provider created (or wrote attributes
/// of, like `externalId`, for a profile's group).
#[derive(Debug, Clone, PartialEq)]
pub struct ScimGroup {
    /// Its SCIM id.
    pub id: String,
    /// Its `displayName`, lower-cased: one group per name.
    pub name: String,
    /// The identity provider's id for it.
    pub external_id: Option<String>,
    /// The attributes written (`displayName`, `members`, ...).
    pub attributes: Value,
    /// `meta.created`.
    pub created: DateTime<Utc>,
    /// `meta.lastModified`.
    pub last_modified: DateTime<Utc>,
}

const GROUP_COLUMNS: &str = "id, name, external_id, attributes, created, last_modified";

fn group_from_row(row: &Row<'_>) -> rusqlite::Result<ScimGroup> {
    let attributes: String = row.get(3)?;
    Ok(ScimGroup {
        id: row.get(0)?,
        name: row.get(1)?,
        external_id: row.get(2)?,
        attributes: serde_json::from_str(&attributes).unwrap_or(Value::Null),
        created: parse_time(&row.get::<_, String>(4)?),
        last_modified: parse_time(&row.get::<_, String>(5)?),
    })
}

impl Journal {
    /// Every stored SCIM group, by name.
    pub fn scim_groups(&self) -> Result<Vec<ScimGroup>, JournalError> {
        let connection = self.lock();
        let sql = format!("SELECT {GROUP_COLUMNS} FROM scim_groups ORDER BY name");
        let mut query = connection.prepare(&sql)?;
        let groups = query.query_map([], group_from_row)?;
        Ok(groups.collect::<Result<_, _>>()?)
    }

    /// Store `group`, replacing the row with its id.
    pub fn save_scim_group(&self, group: &ScimGroup) -> Result<(), JournalError> {
        let connection = self.lock();
        connection.execute(
            "INSERT INTO scim_groups (id, name, external_id, attributes, created, last_modified)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET name = ?2, external_id = ?3, attributes = ?4,
                 created = ?5, last_modified = ?6",
            params![
                group.id,
                group.name.to_lowercase(),
                group.external_id,
                group.attributes.to_string(),
                timestamp(group.created),
                timestamp(group.last_modified),
            ],
        )?;
        Ok(())
    }

    /// Forget the SCIM group with `id`; whether there was one.
    pub fn forget_scim_group(&self, id: &str) -> Result<bool, JournalError> {
        let connection = self.lock();
        Ok(connection.execute("DELETE FROM scim_groups WHERE id = ?1", [id])? > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joan(id: &str) -> ScimUser {
        let now = Utc::now();
        ScimUser {
            id: id.into(),
            email: "Joan@acme.example".into(),
            external_id: None,
            attributes: serde_json::json!({"userName": "Joan@acme.example", "title": "Cryptanalyst"}),
            created: now,
            last_modified: now,
            offboard_run: None,
        }
    }

    #[test]
    fn users_are_saved_replaced_found_by_email_and_forgotten() {
        let journal = Journal::open_in_memory().unwrap();
        journal.save_scim_user(&joan("a")).unwrap();
        let mut changed = joan("a");
        changed.offboard_run = Some("run-1".into());
        changed.external_id = Some("ext".into());
        journal.save_scim_user(&changed).unwrap();
        let found = journal
            .scim_user_by_email("JOAN@acme.example")
            .unwrap()
            .unwrap();
        assert_eq!(found.email, "joan@acme.example");
        assert_eq!(found.offboard_run.as_deref(), Some("run-1"));
        assert_eq!(found.attributes["title"], "Cryptanalyst");
        assert_eq!(journal.scim_users().unwrap().len(), 1);
        // One person, one row: another id for the same email is refused.
        assert!(journal.save_scim_user(&joan("b")).is_err());
        assert!(journal.forget_scim_user("a").unwrap());
        assert!(!journal.forget_scim_user("a").unwrap());
        assert!(journal.scim_user("a").unwrap().is_none());
    }

    #[test]
    fn groups_are_saved_replaced_listed_and_forgotten_one_per_name() {
        let journal = Journal::open_in_memory().unwrap();
        let now = Utc::now();
        let group = |id: &str, name: &str| ScimGroup {
            id: id.into(),
            name: name.into(),
            external_id: None,
            attributes: serde_json::json!({"displayName": name, "members": []}),
            created: now,
            last_modified: now,
        };
        journal
            .save_scim_group(&group("g1", "Engineering"))
            .unwrap();
        let mut renamed = group("g1", "Platform");
        renamed.external_id = Some("okta-1".into());
        journal.save_scim_group(&renamed).unwrap();
        journal.save_scim_group(&group("g2", "Sales")).unwrap();
        assert!(journal.save_scim_group(&group("g3", "SALES")).is_err());
        let groups = journal.scim_groups().unwrap();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].name, "platform");
        assert_eq!(groups[0].external_id.as_deref(), Some("okta-1"));
        assert!(journal.forget_scim_group("g1").unwrap());
        assert_eq!(journal.scim_groups().unwrap().len(), 1);
    }

    #[test]
    fn rows_survive_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        Journal::open(&path)
            .unwrap()
            .save_scim_user(&joan("a"))
            .unwrap();
        let again = Journal::open(&path).unwrap();
        assert_eq!(
            again.scim_user("a").unwrap().unwrap().email,
            "joan@acme.example"
        );
    }
}
