//! The key-check form's decisions, pure: from what the fields hold and where the live
//! check stands, what each field says, which rows and buttons show, and whether the
//! credentials may be added (the gate) or, if not, why.
//!
//! The DOM layer (`web::dom`) reads the fields, calls [`view`], and applies the result;
//! it decides nothing itself. Native table tests (`tests/form.rs`) pin every decision.

use std::borrow::Cow;

use crate::anatomy::{anatomy, Anatomy};
use crate::cluster::Cluster;
use crate::ids::{self, IdKind};
use crate::key::{is_key_id, ApiKey};
use crate::{check, Check};

/// The longest paste the Key Secret field checks, in characters: far more than any key
/// with the damage a paste does to it (a key is 98 characters). A longer paste is a
/// whole text, which the support panel is for.
pub const MAX_PASTE_CHARS: usize = 512;

/// Where the live check stands, for the input it was made for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Live {
    /// Not run since the last edit.
    Idle,
    /// Waiting for the answer.
    Running,
    /// The server answered, and the key will do.
    Passed,
    /// The server answered, and the answer says the key will not do.
    Refused,
    /// No answer could be read (network, CORS, offline, timeout): the user may proceed
    /// with an acknowledgement.
    Unreachable,
    /// Cancelled, redirected, or a local problem.
    Stopped,
}

/// What the form's fields hold, and where the live check stands.
///
/// Its `Debug` is written by hand: the Key Secret field holds the whole key.
#[derive(Clone, Copy)]
pub struct Fields<'a> {
    /// The cluster select's value: a base URL, `"tenant"` or `"custom"`.
    pub cluster_choice: &'a str,
    /// The tenant ID field (for `"tenant"`).
    pub tenant: &'a str,
    /// The custom address field (for `"custom"`).
    pub custom: &'a str,
    /// Whether "I trust this server" is ticked.
    pub confirmed: bool,
    /// The Organization Id field.
    pub organization_id: &'a str,
    /// The Key Id field.
    pub key_id: &'a str,
    /// Whether the Key Id was filled in from the key (and not typed).
    pub key_id_autofilled: bool,
    /// The Key Secret field.
    pub secret: &'a str,
    /// The live check's state.
    pub live: Live,
    /// Whether "add without a live check" is ticked.
    pub acknowledged: bool,
}

impl std::fmt::Debug for Fields<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fields")
            .field("cluster_choice", &self.cluster_choice)
            .field("organization_id", &self.organization_id)
            .field("key_id", &self.key_id)
            .field("secret", &format_args!("{}", crate::SECRET_MASK))
            .field("live", &self.live)
            .finish_non_exhaustive()
    }
}

/// A line under a field: a problem, or a note.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Message {
    /// Whether it is a problem (else a note).
    pub problem: bool,
    /// What it says. Never any part of a secret: static text, or an identifier.
    pub text: Cow<'static, str>,
}

impl Message {
    fn problem(text: impl Into<Cow<'static, str>>) -> Message {
        Message {
            problem: true,
            text: text.into(),
        }
    }

    fn note(text: impl Into<Cow<'static, str>>) -> Message {
        Message {
            problem: false,
            text: text.into(),
        }
    }
}

/// What the form shows.
#[derive(Debug)]
pub struct View {
    /// Whether the tenant ID row shows.
    pub show_tenant: bool,
    /// Whether the custom address row shows.
    pub show_custom: bool,
    /// Whether "I trust this server" shows.
    pub show_confirm: bool,
    /// The cluster the live check would ask, when the choice is a usable address.
    pub cluster: Result<Cluster, &'static str>,
    /// Lines under the cluster.
    pub cluster_messages: Vec<Message>,
    /// Whether the Organization Id field is marked invalid.
    pub organization_invalid: bool,
    /// Lines under the Organization Id.
    pub organization_messages: Vec<Message>,
    /// What the check of the Key Secret found (`None` for an empty or whole-text paste).
    pub check: Option<Check>,
    /// The anatomy under the Key Secret field (`None` when there is nothing to draw).
    pub anatomy: Option<Anatomy>,
    /// Whether the Key Secret field is marked invalid.
    pub key_secret_invalid: bool,
    /// Lines under the Key Secret.
    pub key_secret_messages: Vec<Message>,
    /// Whether the Repair button shows.
    pub show_repair: bool,
    /// Whether the Key Id field is marked invalid.
    pub key_id_invalid: bool,
    /// Lines under the Key Id.
    pub key_id_messages: Vec<Message>,
    /// Whether Test key is enabled.
    pub test_enabled: bool,
    /// Whether Cancel shows.
    pub show_cancel: bool,
    /// Whether "add without a live check" shows.
    pub show_acknowledge: bool,
    /// Whether Add credentials is enabled.
    pub submit_enabled: bool,
    /// Why Add credentials is not enabled (empty when it is).
    pub gate_reason: &'static str,
}

/// The message for a paste longer than [`MAX_PASTE_CHARS`].
pub const WHOLE_TEXT: &str = "This is much longer than an API key, which is 98 characters: it looks like a whole text. Paste only the key here. To find the keys in a text and hide their secrets, use the support panel (see For support staff in the guide).";

/// The message when the host needs confirmation and has none.
pub const CONFIRM_HOST: &str =
    "Your key would be sent to this server. Tick the box if you trust it.";

/// Decides what the form shows for `fields`.
pub fn view(fields: &Fields<'_>) -> View {
    let choice = fields.cluster_choice;
    let cluster = chosen_cluster(fields);
    let mut cluster_messages = Vec::new();
    let (show_confirm, cluster_ok) = match &cluster {
        Ok(cluster) => {
            let needs = cluster.needs_confirmation();
            cluster_messages.extend(
                cluster
                    .warnings()
                    .iter()
                    .map(|warning| Message::note(warning.message())),
            );
            if needs && !fields.confirmed {
                cluster_messages.push(Message::problem(CONFIRM_HOST));
            }
            (needs, !needs || fields.confirmed)
        }
        Err(message) => {
            // A tenant or custom address not typed yet is not an error yet.
            let typed = match choice {
                "tenant" => !fields.tenant.is_empty(),
                "custom" => !fields.custom.is_empty(),
                _ => true,
            };
            if typed {
                cluster_messages.push(Message::problem(*message));
            }
            (false, false)
        }
    };

    // Organization Id.
    let org = fields.organization_id;
    let org_problems = ids::check(IdKind::Organization, org);
    let mut organization_messages = Vec::new();
    if !org.is_empty() {
        organization_messages.extend(
            org_problems
                .iter()
                .map(|problem| Message::problem(problem.kind().message())),
        );
        if let Some(suggestion) = ids::suggest(IdKind::Organization, org) {
            organization_messages.push(Message::note(format!(
                "Did you mean \u{201c}{suggestion}\u{201d}?"
            )));
        }
    }
    let organization_invalid = !org.is_empty() && !org_problems.is_empty();

    // Key Secret.
    let secret = fields.secret;
    let whole_text = secret.chars().count() > MAX_PASTE_CHARS;
    let report = (!secret.is_empty() && !whole_text).then(|| check(secret));
    let secret_messages = match &report {
        _ if whole_text => vec![Message::problem(WHOLE_TEXT)],
        None => Vec::new(),
        Some(report) if report.valid => vec![Message::note("Well-formed API key.")],
        Some(report) => {
            // One message per kind: the marks in the anatomy show every place. The
            // kinds are few, so the search stays short.
            let mut messages: Vec<Message> = Vec::new();
            for problem in &report.problems {
                let text = problem.kind().message();
                if !messages.iter().any(|m| m.text == text) {
                    messages.push(Message::problem(text));
                }
            }
            messages
        }
    };
    let valid = report.as_ref().is_some_and(|r| r.valid);
    let secret_invalid = !secret.is_empty() && !valid;
    let show_repair = report.as_ref().is_some_and(|r| r.repaired.is_some());
    let anatomy = report.as_ref().map(|r| anatomy(secret, r));

    // Key Id.
    let key_id = fields.key_id.trim();
    let mut key_id_messages = Vec::new();
    let key_id_well_formed = is_key_id(key_id.as_bytes());
    if !fields.key_id.is_empty() && !key_id_well_formed {
        key_id_messages.push(Message::problem(if key_id.starts_with("NNSXS.") {
            "This is the whole key. The Key Id is only the part between the two dots; the whole key goes in Key Secret."
        } else {
            "A Key Id is 39 characters of A to Z and 2 to 7, ending in A, I, Q or Y. The Console lists it next to the key's name."
        }));
    }
    let shown_id = report.as_ref().and_then(|r| r.key_id.as_deref());
    let key_id_matches = match (shown_id, key_id_well_formed) {
        (Some(id), true) => id == key_id,
        _ => true,
    };
    if !key_id_matches {
        key_id_messages.push(Message::problem("This Key Id is not the ID of the key in Key Secret: they belong to different keys. Use the Key Id shown next to the key you pasted."));
    } else if fields.key_id_autofilled && !fields.key_id.is_empty() {
        key_id_messages.push(Message::note("Filled in from the key."));
    }
    let key_id_invalid = key_id_messages.iter().any(|m| m.problem);

    // Live check and gate.
    let format_ok =
        valid && !org.is_empty() && org_problems.is_empty() && key_id_well_formed && key_id_matches;
    let live = fields.live;
    let running = live == Live::Running;
    let gate_open =
        format_ok && (live == Live::Passed || (live == Live::Unreachable && fields.acknowledged));
    let gate_reason = if gate_open {
        ""
    } else if !format_ok {
        "Fill in all three fields with well-formed values."
    } else {
        match live {
            Live::Running => "Waiting for The Things Stack\u{2026}",
            Live::Unreachable => "Tick the box above to add the credentials without a live check.",
            Live::Refused => "The live check found a problem: fix it, then test again.",
            _ => "Test the key first.",
        }
    };

    View {
        show_tenant: choice == "tenant",
        show_custom: choice == "custom",
        show_confirm,
        cluster,
        cluster_messages,
        organization_invalid,
        organization_messages,
        check: report,
        anatomy,
        key_secret_invalid: secret_invalid,
        key_secret_messages: secret_messages,
        show_repair,
        key_id_invalid,
        key_id_messages,
        test_enabled: !running && valid && cluster_ok,
        show_cancel: running,
        show_acknowledge: live == Live::Unreachable,
        submit_enabled: gate_open,
        gate_reason,
    }
}

/// The cluster the user chose, parsed; the error is the message to show.
pub fn chosen_cluster(fields: &Fields<'_>) -> Result<Cluster, &'static str> {
    let parsed = match fields.cluster_choice {
        "tenant" => Cluster::from_tenant_id(fields.tenant),
        "custom" => Cluster::parse(fields.custom),
        url => Cluster::parse(url),
    };
    parsed.map_err(|err| err.kind().message())
}

/// What to do with the Key Id field after the Key Secret changed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Autofill {
    /// Leave it as it is.
    Keep,
    /// Fill in this Key Id (from a well-formed key).
    Set(String),
    /// Empty it (it was filled in from a key that is no longer there).
    Clear,
}

/// Fills the Key Id from a well-formed key while the user has not typed one.
pub fn autofill(key_id: &str, key_id_autofilled: bool, secret: &str) -> Autofill {
    if !key_id.is_empty() && !key_id_autofilled {
        return Autofill::Keep;
    }
    match ApiKey::parse(secret) {
        Ok(key) => Autofill::Set(key.id().to_owned()),
        Err(_) if key_id_autofilled => Autofill::Clear,
        Err(_) => Autofill::Keep,
    }
}
