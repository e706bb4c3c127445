//! The rights of The Things Stack: every right name we know, what each allows, how
//! pseudo-rights expand, which required rights a key lacks, and the rights IotBridge needs.
//!
//! Facts from `reference/tts/NOTES.md` §5: the `Right` enum of lorawan-stack v3.32.1
//! (`rights-v3.32.tsv`), the newer upstream values (`rights-upstream-5f9bf95.tsv`) and the
//! Enterprise/Cloud values (`Right.yml`). Expansion follows `Right.Implied()` in
//! `pkg/ttnpb/rights.go`.
//!
//! Names are compared without regard to ASCII case, with `-` read as `_`, and with or
//! without the `RIGHT_` prefix (the server accepts `ORGANIZATION_INFO` on input), so
//! `organization-info` and `RIGHT_ORGANIZATION_INFO` are the same right. Output always uses
//! the canonical name. Names we do not know are kept as given and are never an error:
//! TTS Cloud may return rights newer than this table.

use serde::Serialize;

/// The entity a right is about, for grouping rights in the widget.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Entity {
    /// A user account (`RIGHT_USER_*`).
    User,
    /// An application and its end devices (`RIGHT_APPLICATION_*`).
    Application,
    /// An OAuth client (`RIGHT_CLIENT_*`).
    Client,
    /// A gateway (`RIGHT_GATEWAY_*`).
    Gateway,
    /// An organization (`RIGHT_ORGANIZATION_*`).
    Organization,
    /// Anything else: `RIGHT_ALL`, `RIGHT_SEND_INVITES`, and the Enterprise-only
    /// alerting, authentication-provider, external-user, Packet Broker, tenant and label rights.
    Other,
}

impl Entity {
    /// Every entity, in the order the widget shows its groups: the ones an IotBridge
    /// organization key is about first.
    pub const ALL: [Entity; 6] = [
        Entity::Organization,
        Entity::Application,
        Entity::Gateway,
        Entity::Client,
        Entity::User,
        Entity::Other,
    ];

    /// Stable snake_case code, as JS sees it.
    pub fn code(self) -> &'static str {
        match self {
            Entity::User => "user",
            Entity::Application => "application",
            Entity::Client => "client",
            Entity::Gateway => "gateway",
            Entity::Organization => "organization",
            Entity::Other => "other",
        }
    }

    /// Heading for the group of rights about this entity.
    pub fn label(self) -> &'static str {
        match self {
            Entity::User => "User",
            Entity::Application => "Applications and end devices",
            Entity::Client => "OAuth clients",
            Entity::Gateway => "Gateways",
            Entity::Organization => "Organization",
            Entity::Other => "Other",
        }
    }

    /// The entity of a right name we may not know, from its prefix (`RIGHT_USER_…` is a
    /// user right, and so on). Known rights should use [`RightInfo::entity`] instead.
    fn from_name(canonical: &str) -> Entity {
        const PREFIXES: [(&str, Entity); 5] = [
            ("RIGHT_USER_", Entity::User),
            ("RIGHT_APPLICATION_", Entity::Application),
            ("RIGHT_CLIENT_", Entity::Client),
            ("RIGHT_GATEWAY_", Entity::Gateway),
            ("RIGHT_ORGANIZATION_", Entity::Organization),
        ];
        PREFIXES
            .iter()
            .find(|(prefix, _)| canonical.starts_with(prefix))
            .map_or(Entity::Other, |&(_, entity)| entity)
    }
}

/// Which edition of The Things Stack first has a right.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
#[non_exhaustive]
pub enum Edition {
    /// Open-source lorawan-stack v3.32.1 (commit 1d21821).
    #[serde(rename = "v3_32")]
    V3_32,
    /// Newer open-source lorawan-stack (commit 5f9bf95): the `*_PURGE` rights,
    /// `RIGHT_USER_LIST` and `RIGHT_USER_CREATE`.
    #[serde(rename = "upstream")]
    Upstream,
    /// Only in the Enterprise edition, which TTS Cloud runs (documented in `Right.yml`).
    #[serde(rename = "enterprise")]
    Enterprise,
}

impl Edition {
    /// Stable snake_case code, as JS sees it.
    pub fn code(self) -> &'static str {
        match self {
            Edition::V3_32 => "v3_32",
            Edition::Upstream => "upstream",
            Edition::Enterprise => "enterprise",
        }
    }
}

/// One right of The Things Stack.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RightInfo {
    /// The canonical name, as the JSON API writes it (`RIGHT_ORGANIZATION_INFO`).
    pub name: &'static str,
    /// The protobuf enum number.
    pub number: u16,
    /// What the right is about.
    pub entity: Entity,
    /// The edition that first has it.
    pub edition: Edition,
    /// What it allows: the label the Console shows for it (`enum:RIGHT_*` of lorawan-stack's
    /// `config/messages.json`, first letter in upper case, vendored in
    /// `reference/tts-console/labels.tsv` and pinned by the book check), or a few plain
    /// words of our own for the rights that catalogue does not have (newer upstream and
    /// Enterprise rights).
    pub summary: &'static str,
}

macro_rules! rights_table {
    ($( $name:literal = $number:literal, $entity:ident, $edition:ident, $summary:literal; )*) => {
        const RIGHT_TABLE: &[RightInfo] = &[
            $( RightInfo {
                name: $name,
                number: $number,
                entity: Entity::$entity,
                edition: Edition::$edition,
                summary: $summary,
            }, )*
        ];
    };
}

/// Every right we know, in the order of the enum's declaration (grouped by entity, as in
/// `Right.yml`), with `RIGHT_ALL` last. `right_invalid` (0) is not a right and is left out.
pub static RIGHTS: &[RightInfo] = RIGHT_TABLE;

const RIGHT_COUNT: usize = RIGHT_TABLE.len();

rights_table! {
    "RIGHT_USER_INFO" = 1, User, V3_32, "View user information";
    "RIGHT_USER_SETTINGS_BASIC" = 2, User, V3_32, "Edit basic user settings";
    "RIGHT_USER_LIST" = 87, User, Upstream, "List user accounts";
    "RIGHT_USER_CREATE" = 88, User, Upstream, "Create user accounts";
    "RIGHT_USER_SETTINGS_API_KEYS" = 3, User, V3_32, "View and edit user API keys";
    "RIGHT_USER_DELETE" = 4, User, V3_32, "Delete user account";
    "RIGHT_USER_PURGE" = 66, User, Upstream, "Purge the user account for good";
    "RIGHT_USER_AUTHORIZED_CLIENTS" = 5, User, V3_32, "View and edit authorized OAuth clients of the user";
    "RIGHT_USER_APPLICATIONS_LIST" = 6, User, V3_32, "List applications the user is a collaborator of";
    "RIGHT_USER_APPLICATIONS_CREATE" = 7, User, V3_32, "Create an application under the user account";
    "RIGHT_USER_GATEWAYS_LIST" = 8, User, V3_32, "List gateways the user is a collaborator of";
    "RIGHT_USER_GATEWAYS_CREATE" = 9, User, V3_32, "Create a gateway under the user account";
    "RIGHT_USER_CLIENTS_LIST" = 10, User, V3_32, "List OAuth clients the user is a collaborator of";
    "RIGHT_USER_CLIENTS_CREATE" = 11, User, V3_32, "Create an OAuth client under the user account";
    "RIGHT_USER_ORGANIZATIONS_LIST" = 12, User, V3_32, "List organizations the user is a member of";
    "RIGHT_USER_ORGANIZATIONS_CREATE" = 13, User, V3_32, "Create an organization under the user account";
    "RIGHT_USER_NOTIFICATIONS_READ" = 59, User, V3_32, "Read user notifications";
    "RIGHT_USER_ALL" = 14, User, V3_32, "All user rights";
    "RIGHT_APPLICATION_INFO" = 15, Application, V3_32, "View application information";
    "RIGHT_APPLICATION_SETTINGS_BASIC" = 16, Application, V3_32, "Edit basic application settings";
    "RIGHT_APPLICATION_SETTINGS_API_KEYS" = 17, Application, V3_32, "View and edit application API keys";
    "RIGHT_APPLICATION_SETTINGS_COLLABORATORS" = 18, Application, V3_32, "View and edit application collaborators";
    "RIGHT_APPLICATION_SETTINGS_PACKAGES" = 56, Application, V3_32, "View and edit application packages and associations";
    "RIGHT_APPLICATION_DELETE" = 19, Application, V3_32, "Delete application";
    "RIGHT_APPLICATION_PURGE" = 64, Application, Upstream, "Purge applications for good";
    "RIGHT_APPLICATION_DEVICES_READ" = 20, Application, V3_32, "View devices in application";
    "RIGHT_APPLICATION_DEVICES_WRITE" = 21, Application, V3_32, "Create devices in application";
    "RIGHT_APPLICATION_DEVICES_READ_KEYS" = 22, Application, V3_32, "View device keys in application";
    "RIGHT_APPLICATION_DEVICES_WRITE_KEYS" = 23, Application, V3_32, "Edit device keys in application";
    "RIGHT_APPLICATION_TRAFFIC_READ" = 24, Application, V3_32, "Read application traffic (uplink and downlink)";
    "RIGHT_APPLICATION_TRAFFIC_UP_WRITE" = 25, Application, V3_32, "Write uplink application traffic";
    "RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE" = 26, Application, V3_32, "Write downlink application traffic";
    "RIGHT_APPLICATION_LINK" = 27, Application, V3_32, "Link as Application to a Network Server for traffic exchange, i.e. read uplink and write downlink";
    "RIGHT_APPLICATION_ALL" = 28, Application, V3_32, "All application rights";
    "RIGHT_CLIENT_ALL" = 29, Client, V3_32, "All OAuth client rights";
    "RIGHT_CLIENT_INFO" = 60, Client, V3_32, "View OAuth client information";
    "RIGHT_CLIENT_SETTINGS_BASIC" = 61, Client, V3_32, "Edit OAuth client basic settings";
    "RIGHT_CLIENT_SETTINGS_COLLABORATORS" = 62, Client, V3_32, "View and edit OAuth client collaborators";
    "RIGHT_CLIENT_DELETE" = 63, Client, V3_32, "Delete OAuth client";
    "RIGHT_CLIENT_PURGE" = 68, Client, Upstream, "Purge OAuth clients for good";
    "RIGHT_GATEWAY_INFO" = 30, Gateway, V3_32, "View gateway information";
    "RIGHT_GATEWAY_SETTINGS_BASIC" = 31, Gateway, V3_32, "Edit basic gateway settings";
    "RIGHT_GATEWAY_SETTINGS_API_KEYS" = 32, Gateway, V3_32, "View and edit gateway API keys";
    "RIGHT_GATEWAY_SETTINGS_COLLABORATORS" = 33, Gateway, V3_32, "View and edit gateway collaborators";
    "RIGHT_GATEWAY_DELETE" = 34, Gateway, V3_32, "Delete gateway";
    "RIGHT_GATEWAY_PURGE" = 67, Gateway, Upstream, "Purge gateways for good";
    "RIGHT_GATEWAY_TRAFFIC_READ" = 35, Gateway, V3_32, "Read gateway traffic";
    "RIGHT_GATEWAY_TRAFFIC_DOWN_WRITE" = 36, Gateway, V3_32, "Write downlink gateway traffic";
    "RIGHT_GATEWAY_LINK" = 37, Gateway, V3_32, "Link as Gateway to a Gateway Server for traffic exchange, i.e. write uplink and read downlink";
    "RIGHT_GATEWAY_STATUS_READ" = 38, Gateway, V3_32, "View gateway status";
    "RIGHT_GATEWAY_LOCATION_READ" = 39, Gateway, V3_32, "View gateway location";
    "RIGHT_GATEWAY_WRITE_SECRETS" = 57, Gateway, V3_32, "Store secrets for a gateway";
    "RIGHT_GATEWAY_READ_SECRETS" = 58, Gateway, V3_32, "Retrieve secrets associated with a gateway";
    "RIGHT_GATEWAY_ALL" = 40, Gateway, V3_32, "All gateway rights";
    "RIGHT_ORGANIZATION_INFO" = 41, Organization, V3_32, "View organization information";
    "RIGHT_ORGANIZATION_SETTINGS_BASIC" = 42, Organization, V3_32, "Edit basic organization settings";
    "RIGHT_ORGANIZATION_SETTINGS_API_KEYS" = 43, Organization, V3_32, "View and edit organization API keys";
    "RIGHT_ORGANIZATION_SETTINGS_MEMBERS" = 44, Organization, V3_32, "View and edit organization members";
    "RIGHT_ORGANIZATION_DELETE" = 45, Organization, V3_32, "Delete organization";
    "RIGHT_ORGANIZATION_PURGE" = 65, Organization, Upstream, "Purge the organization for good";
    "RIGHT_ORGANIZATION_APPLICATIONS_LIST" = 46, Organization, V3_32, "List the applications the organization is a collaborator of";
    "RIGHT_ORGANIZATION_APPLICATIONS_CREATE" = 47, Organization, V3_32, "Create an application under the organization";
    "RIGHT_ORGANIZATION_GATEWAYS_LIST" = 48, Organization, V3_32, "List the gateways the organization is a collaborator of";
    "RIGHT_ORGANIZATION_GATEWAYS_CREATE" = 49, Organization, V3_32, "Create a gateway under the organization";
    "RIGHT_ORGANIZATION_CLIENTS_LIST" = 50, Organization, V3_32, "List the OAuth clients the organization is a collaborator of";
    "RIGHT_ORGANIZATION_CLIENTS_CREATE" = 51, Organization, V3_32, "Create an OAuth client under the organization";
    "RIGHT_ORGANIZATION_ADD_AS_COLLABORATOR" = 52, Organization, V3_32, "Add the organization as a collaborator on an existing entity";
    "RIGHT_ORGANIZATION_ALL" = 53, Organization, V3_32, "All organization rights";
    "RIGHT_SEND_INVITES" = 54, Other, V3_32, "Send user invites";
    "RIGHT_ALERT_NOTIFICATION_PROFILE_CREATE" = 69, Other, Enterprise, "Create alert notification profiles";
    "RIGHT_ALERT_NOTIFICATION_PROFILE_INFO" = 70, Other, Enterprise, "View alert notification profiles";
    "RIGHT_ALERT_NOTIFICATION_PROFILE_LIST" = 71, Other, Enterprise, "List alert notification profiles";
    "RIGHT_ALERT_NOTIFICATION_PROFILE_UPDATE" = 72, Other, Enterprise, "Edit alert notification profiles";
    "RIGHT_ALERT_NOTIFICATION_PROFILE_DELETE" = 73, Other, Enterprise, "Delete alert notification profiles";
    "RIGHT_ALERT_NOTIFICATION_RECEIVER_CREATE" = 74, Other, Enterprise, "Create alert notification receivers";
    "RIGHT_ALERT_NOTIFICATION_RECEIVER_INFO" = 75, Other, Enterprise, "View alert notification receivers";
    "RIGHT_ALERT_NOTIFICATION_RECEIVER_LIST" = 76, Other, Enterprise, "List alert notification receivers";
    "RIGHT_ALERT_NOTIFICATION_RECEIVER_UPDATE" = 77, Other, Enterprise, "Edit alert notification receivers";
    "RIGHT_ALERT_NOTIFICATION_RECEIVER_DELETE" = 78, Other, Enterprise, "Delete alert notification receivers";
    "RIGHT_AUTHENTICATION_PROVIDER_CREATE" = 79, Other, Enterprise, "Create authentication providers";
    "RIGHT_AUTHENTICATION_PROVIDER_INFO" = 80, Other, Enterprise, "View authentication providers";
    "RIGHT_AUTHENTICATION_PROVIDER_LIST" = 81, Other, Enterprise, "List authentication providers";
    "RIGHT_AUTHENTICATION_PROVIDER_UPDATE" = 82, Other, Enterprise, "Edit authentication providers";
    "RIGHT_AUTHENTICATION_PROVIDER_DELETE" = 83, Other, Enterprise, "Delete authentication providers";
    "RIGHT_EXTERNAL_USER_CREATE" = 84, Other, Enterprise, "Create external users";
    "RIGHT_EXTERNAL_USER_INFO" = 85, Other, Enterprise, "View external users";
    "RIGHT_EXTERNAL_USER_DELETE" = 86, Other, Enterprise, "Delete external users";
    "RIGHT_PACKET_BROKER_AGENT_READ" = 89, Other, Enterprise, "Read Packet Broker Agent information";
    "RIGHT_PACKET_BROKER_AGENT_WRITE" = 90, Other, Enterprise, "Operate the Packet Broker Agent";
    "RIGHT_TENANT_CONFIGURATION_UPDATE" = 91, Other, Enterprise, "Edit the tenant's configuration";
    "RIGHT_LABEL_CREATE" = 92, Other, Enterprise, "Create labels";
    "RIGHT_LABEL_INFO" = 93, Other, Enterprise, "View labels";
    "RIGHT_LABELS_LIST" = 94, Other, Enterprise, "List labels";
    "RIGHT_LABEL_UPDATE" = 95, Other, Enterprise, "Edit labels";
    "RIGHT_LABEL_DELETE" = 96, Other, Enterprise, "Delete labels";
    "RIGHT_LABEL_ASSIGN" = 97, Other, Enterprise, "Assign labels to entities";
    "RIGHT_LABEL_ALL" = 99, Other, Enterprise, "All label rights";
    "RIGHT_ALL" = 55, Other, V3_32, "All possible rights";
}

/// The rights IotBridge asks for by default: what fetching, inserting and updating the
/// organization's applications and their end devices, with the devices' keys, needs, and
/// nothing more.
///
/// Derived from the rights checks in the server code (lorawan-stack v3.32.1), one right per
/// operation. An organization key's rights on an application are the organization's
/// collaborator rights on it intersected with the key's rights (NOTES §5).
/// - `RIGHT_APPLICATION_INFO`: fetch an application with its name, description and
///   attributes (`getApplication`; without it only the public fields come back).
/// - `RIGHT_APPLICATION_SETTINGS_BASIC`: update an application (`updateApplication`).
/// - `RIGHT_APPLICATION_DEVICES_READ`: fetch and list end devices, in the Identity
///   Server's registry and on the Network, Application and Join Servers (every `Get`).
/// - `RIGHT_APPLICATION_DEVICES_WRITE`: insert and update end devices in all four
///   registries (`createEndDevice`, `updateEndDevice`, every `Set`); it also allows deleting
///   them, which the server does not tell apart.
/// - `RIGHT_APPLICATION_DEVICES_READ_KEYS`: fetch a device's keys: the root keys from the
///   Join Server (`root_keys.app_key.key`, `root_keys.nwk_key.key`), the session keys from
///   the Network and Application Servers.
/// - `RIGHT_APPLICATION_DEVICES_WRITE_KEYS`: insert and update a device's keys: an OTAA
///   device's AppKey and NwkKey on the Join Server (`jsEndDeviceRegistryServer.Set` with
///   `root_keys.*`), an ABP device's session keys on the Network and Application Servers.
/// - `RIGHT_ORGANIZATION_APPLICATIONS_LIST`: fetch the list of the organization's
///   applications (`listApplications` with the organization as collaborator).
/// - `RIGHT_ORGANIZATION_APPLICATIONS_CREATE`: insert an application under the
///   organization (`createApplication`); the organization then holds every right on it.
///
/// Left out, because no fetch, insert or update of applications and devices needs them:
/// deleting or purging applications, traffic (`…_TRAFFIC_*`, `…_LINK`), application
/// packages, API keys and collaborators, every organization right but the two above (the
/// organization's public fields need no right), and all gateway, client and user rights.
/// `RIGHT_ORGANIZATION_ALL` alone covers none of the application rights above: it
/// expands to organization rights only (NOTES §5). `RIGHT_APPLICATION_ALL` together with
/// `RIGHT_ORGANIZATION_APPLICATIONS_LIST` and `RIGHT_ORGANIZATION_APPLICATIONS_CREATE`
/// covers them all.
///
/// The book's rights chapter explains the same, operation by operation. The names are
/// canonical and in table order, so `expand(IOTBRIDGE_PROFILE)` is the profile itself.
pub const IOTBRIDGE_PROFILE: &[&str] = &[
    "RIGHT_APPLICATION_INFO",
    "RIGHT_APPLICATION_SETTINGS_BASIC",
    "RIGHT_APPLICATION_DEVICES_READ",
    "RIGHT_APPLICATION_DEVICES_WRITE",
    "RIGHT_APPLICATION_DEVICES_READ_KEYS",
    "RIGHT_APPLICATION_DEVICES_WRITE_KEYS",
    "RIGHT_ORGANIZATION_APPLICATIONS_LIST",
    "RIGHT_ORGANIZATION_APPLICATIONS_CREATE",
];

/// `_ALL` pseudo-rights that the server builds by name prefix over its whole enum.
///
/// Which names the prefix sets include is decided by the enum of the server that answers.
/// We include every name we know, of every edition, because TTS Cloud runs the newest
/// (Enterprise) build: `RIGHT_USER_ALL` therefore covers `RIGHT_USER_LIST`,
/// `RIGHT_USER_CREATE` and `RIGHT_USER_PURGE` too. On an older server those rights do not
/// exist, so claiming them costs nothing.
const PREFIX_SETS: [(&str, &str); 4] = [
    ("RIGHT_USER_ALL", "RIGHT_USER_"),
    ("RIGHT_APPLICATION_ALL", "RIGHT_APPLICATION_"),
    ("RIGHT_GATEWAY_ALL", "RIGHT_GATEWAY_"),
    ("RIGHT_ORGANIZATION_ALL", "RIGHT_ORGANIZATION_"),
];

/// Pseudo-rights that imply an explicit list (besides themselves).
///
/// `RIGHT_CLIENT_ALL` is an explicit list in v3.32.1 and so leaves out the newer
/// `RIGHT_CLIENT_PURGE`. `RIGHT_LABEL_ALL` (Enterprise) is not in the open-source code, so
/// we do not know what it implies and expand it to nothing but itself: under-claiming can
/// only cause a needless "missing" hint, never a false "ok".
const EXPLICIT_SETS: [(&str, &[&str]); 3] = [
    (
        "RIGHT_CLIENT_ALL",
        &[
            "RIGHT_CLIENT_INFO",
            "RIGHT_CLIENT_SETTINGS_BASIC",
            "RIGHT_CLIENT_SETTINGS_COLLABORATORS",
            "RIGHT_CLIENT_DELETE",
        ],
    ),
    (
        "RIGHT_APPLICATION_LINK",
        &[
            "RIGHT_APPLICATION_INFO",
            "RIGHT_APPLICATION_TRAFFIC_READ",
            "RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE",
        ],
    ),
    ("RIGHT_GATEWAY_LINK", &["RIGHT_GATEWAY_INFO"]),
];

const PREFIX: &str = "RIGHT_";

/// The right called `name` (canonical or not, see the module docs), if we know it.
pub fn info(name: &str) -> Option<&'static RightInfo> {
    index_of(name).map(|index| &RIGHTS[index])
}

/// The right with the protobuf enum number `number`, if we know it.
pub fn by_number(number: u16) -> Option<&'static RightInfo> {
    RIGHTS.iter().find(|right| right.number == number)
}

/// The canonical name of `name` when we know the right, else `name` as given.
pub fn canonical(name: &str) -> &str {
    info(name).map_or(name, |right| right.name)
}

/// The rights `rights` grant, pseudo-rights expanded one level as the server does
/// (`Rights.Implied()`), the given rights always kept.
///
/// The result is deduplicated and in a fixed order: known rights in table order (see
/// [`RIGHTS`]), then unknown names, as given, in byte order. Empty names are dropped.
pub fn expand<S: AsRef<str>>(rights: &[S]) -> Vec<String> {
    let mut granted = [false; RIGHT_COUNT];
    let mut unknown: Vec<&str> = Vec::new();
    for name in rights {
        let name = name.as_ref();
        match index_of(name) {
            Some(index) => imply(index, &mut granted),
            None if name.trim().is_empty() => {}
            None => unknown.push(name),
        }
    }
    crate::order::sort_by_key(&mut unknown, |name| *name);
    unknown.dedup();
    RIGHTS
        .iter()
        .zip(granted)
        .filter(|(_, is_granted)| *is_granted)
        .map(|(right, _)| right.name.to_owned())
        .chain(unknown.into_iter().map(str::to_owned))
        .collect()
}

/// The rights in `required` that the expansion of `granted` does not cover, in the order
/// of `required`, each once, by canonical name (unknown names as given).
///
/// An unknown required name is covered only by the same unknown name in `granted`.
pub fn missing<S: AsRef<str>, R: AsRef<str>>(granted: &[S], required: &[R]) -> Vec<String> {
    let mut covered = [false; RIGHT_COUNT];
    for name in granted {
        if let Some(index) = index_of(name.as_ref()) {
            imply(index, &mut covered);
        }
    }
    let mut lacking: Vec<String> = Vec::new();
    for name in required {
        let name = name.as_ref();
        let is_covered = match index_of(name) {
            Some(index) => covered[index],
            None if name.trim().is_empty() => true,
            None => granted.iter().any(|given| given.as_ref() == name),
        };
        let name = canonical(name);
        if !is_covered && !lacking.iter().any(|already| already == name) {
            lacking.push(name.to_owned());
        }
    }
    lacking
}

/// Rights about one entity, for the widget's grouped display.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RightGroup {
    /// What the rights are about.
    pub entity: Entity,
    /// The rights, by canonical name (unknown names as given).
    pub rights: Vec<String>,
}

/// `rights` grouped by entity: groups in [`Entity::ALL`] order, empty groups left out,
/// known rights in table order within a group, then unknown names in the order given.
///
/// Unknown names go to the entity their prefix names (`RIGHT_GATEWAY_NEW` to gateways),
/// else to [`Entity::Other`]. Nothing is expanded: call [`expand`] first for that.
pub fn group_by_entity<S: AsRef<str>>(rights: &[S]) -> Vec<RightGroup> {
    let mut known = [false; RIGHT_COUNT];
    let mut unknown: Vec<&str> = Vec::new();
    for name in rights {
        let name = name.as_ref();
        match index_of(name) {
            Some(index) => known[index] = true,
            None if name.trim().is_empty() => {}
            None => unknown.push(name),
        }
    }
    let unknown = first_of_each(&unknown);
    Entity::ALL
        .into_iter()
        .filter_map(|entity| {
            let group: Vec<String> = RIGHTS
                .iter()
                .zip(known)
                .filter(|(right, is_known)| *is_known && right.entity == entity)
                .map(|(right, _)| right.name.to_owned())
                .chain(
                    unknown
                        .iter()
                        .filter(|name| Entity::from_name(&unknown_key(name)) == entity)
                        .map(|name| (*name).to_owned()),
                )
                .collect();
            (!group.is_empty()).then_some(RightGroup {
                entity,
                rights: group,
            })
        })
        .collect()
}

/// `names` without repeats, each where it first appears: a server's list of right names,
/// de-duplicated in O(n log n) with one sorted copy (looking each name up among those
/// kept so far was O(n²): 100 000 names took 8 s).
///
/// It sorts with the core's one sort (`order`), as [`expand`] does.
pub(crate) fn first_of_each<'a>(names: &[&'a str]) -> Vec<&'a str> {
    let mut distinct = names.to_vec();
    crate::order::sort_by_key(&mut distinct, |name| *name);
    distinct.dedup();
    let mut seen = vec![false; distinct.len()];
    names
        .iter()
        .copied()
        .filter(|name| {
            // Invariant: every name is in `distinct`.
            distinct
                .binary_search(name)
                .is_ok_and(|at| !std::mem::replace(&mut seen[at], true))
        })
        .collect()
}

/// Marks `index` and everything it implies (one level deep) in `granted`.
fn imply(index: usize, granted: &mut [bool; RIGHT_COUNT]) {
    granted[index] = true;
    let name = RIGHTS[index].name;
    if name == "RIGHT_ALL" {
        granted.fill(true);
        return;
    }
    if let Some((_, prefix)) = PREFIX_SETS.iter().find(|(all, _)| *all == name) {
        for (slot, right) in granted.iter_mut().zip(RIGHTS) {
            *slot |= right.name.starts_with(prefix);
        }
    }
    if let Some((_, implied)) = EXPLICIT_SETS.iter().find(|(all, _)| *all == name) {
        for implied_name in implied.iter() {
            if let Some(implied_index) = RIGHTS.iter().position(|r| r.name == *implied_name) {
                granted[implied_index] = true;
            }
        }
    }
}

/// The table index of the right `name` names, if any (see the module docs for the
/// accepted spellings).
fn index_of(name: &str) -> Option<usize> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    RIGHTS.iter().position(|right| {
        same_name(right.name, name)
            || right
                .name
                .strip_prefix(PREFIX)
                .is_some_and(|short| same_name(short, name))
    })
}

/// Whether `given` spells `canonical`, ignoring ASCII case and reading `-` as `_`.
fn same_name(canonical: &str, given: &str) -> bool {
    canonical.len() == given.len()
        && canonical
            .bytes()
            .zip(given.bytes())
            .all(|(c, g)| c == normalize_byte(g))
}

fn normalize_byte(byte: u8) -> u8 {
    match byte {
        b'-' => b'_',
        other => other.to_ascii_uppercase(),
    }
}

/// An unknown name in canonical spelling, for prefix matching only.
fn unknown_key(name: &str) -> String {
    let upper: String = name
        .trim()
        .chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    if upper.starts_with(PREFIX) {
        upper
    } else {
        format!("{PREFIX}{upper}")
    }
}
