//! The Jobs list's preferences (seed 004): dream and blacklisted companies, target roles,
//! and archiving. The rules that apply them are `fitted_core::board`.

use fitted_core::board::{self, Prefs, MAX_TARGET_ROLES};
use fitted_core::model::{CompanyPref, CompanyPrefKind, Job, TargetRole};
use fitted_store::repo::{now, uuid_v4};

use crate::state::Services;

fn err(e: fitted_store::StoreError) -> String {
    e.user_message()
}

/// The stored preferences, as records (for the form) and as rules (for the list).
#[derive(Clone, Default, PartialEq)]
pub struct Stored {
    pub companies: Vec<CompanyPref>,
    pub roles: Vec<TargetRole>,
}

impl Stored {
    pub fn prefs(&self) -> Prefs {
        Prefs::new(&self.companies, &self.roles)
    }

    /// The companies of one kind, as the form shows them ("Acme, Northwind").
    pub fn companies_text(&self, kind: CompanyPrefKind) -> String {
        self.companies.iter().filter(|c| c.kind == kind).map(|c| c.company.as_str()).collect::<Vec<_>>().join(", ")
    }

    pub fn roles_text(&self) -> String {
        self.roles.iter().map(|r| r.role_family.as_str()).collect::<Vec<_>>().join(", ")
    }
}

pub async fn load(s: &Services) -> Result<Stored, String> {
    let store = s.store_ready().await?;
    Ok(Stored { companies: store.company_prefs().await.map_err(err)?, roles: store.target_roles().await.map_err(err)? })
}

fn list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in text.split([',', ';', '\n']).map(str::trim).filter(|x| !x.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
            out.push(item.to_string());
        }
    }
    out
}

/// Saves the form: comma-separated dream companies, blacklisted companies and target roles.
/// A company in both lists, or more than five roles, is refused with what to change.
pub async fn save(s: &Services, dream: &str, blacklist: &str, roles: &str) -> Result<Stored, String> {
    let store = s.store_ready().await?;
    let (dream, blacklist, roles) = (list(dream), list(blacklist), list(roles));
    if let Some(both) = dream.iter().find(|d| blacklist.iter().any(|b| board::company_key(b) == board::company_key(d))) {
        return Err(format!("“{both}” is both a dream company and hidden. Keep it in one list."));
    }
    if roles.len() > MAX_TARGET_ROLES {
        return Err(format!("{} target roles: keep at most {MAX_TARGET_ROLES} (the role families you are aiming for).", roles.len()));
    }
    let t = now();
    let user = store.user_id().to_string();
    let pref = |company: &String, kind| CompanyPref { id: uuid_v4(), user_id: user.clone(), company: company.clone(), kind, created_at: t };
    let companies: Vec<CompanyPref> =
        dream.iter().map(|c| pref(c, CompanyPrefKind::Dream)).chain(blacklist.iter().map(|c| pref(c, CompanyPrefKind::Blacklist))).collect();
    let roles: Vec<TargetRole> =
        roles.into_iter().enumerate().map(|(k, r)| TargetRole { id: uuid_v4(), user_id: user.clone(), role_family: r, created_at: t + k as i64 }).collect();
    store.save_board_prefs(&companies, &roles).await.map_err(err)?;
    load(s).await
}

/// Archive or bring back a job (it keeps its scores, runs and applications).
pub async fn set_archived(s: &Services, job: &Job, archived: bool) -> Result<Job, String> {
    let mut j = job.clone();
    j.is_archived = archived.then_some(true);
    s.store_ready().await?.update_job(&j).await.map_err(err)?;
    Ok(j)
}
