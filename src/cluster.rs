//! The server the live check talks to: parses the widget's "cluster" field into a
//! normalised base URL, classifies the host, and says where `auth_info` must be asked.
//!
//! Facts from `reference/tts/NOTES.md` §7 and §2: the TTN Sandbox is
//! `<cluster>.cloud.thethings.network` (eu1, nam1, au1), TTS Cloud is
//! `<tenant-id>.<cluster>.cloud.thethings.industries` (eu1, eu2, nam1, au1, as1), and the
//! Identity Server, which answers `GET /api/v3/auth_info`, runs only on `eu1` of either.
//! Tenant IDs follow the ID rules of §6.
//!
//! [`Cluster::parse`] accepts what users type or paste: a base URL, a host without a scheme,
//! or a Console, API or login page URL, which it reduces to the base (each such change is
//! reported as a [`Change`], not an error). It rejects what must not receive an API key:
//! `http` to anything but this computer, user info (`user:pass@`), hosts that are not plain
//! ASCII. A host outside the two known domains is accepted but flagged with
//! [`Cluster::needs_confirmation`], so the widget asks before sending a key there.
//!
//! Spans are in UTF-16 code units of the original input, what JS needs to highlight.
//! Invariant: messages are `&'static str` from the tables below and never contain input.
//! Invariant: no function here panics on any input; slicing goes through `get` or
//! `split_at_checked`.

use std::fmt;

use serde::ser::SerializeStruct;
use serde::Serialize;

use crate::text::{is_invisible, utf16_len};

/// The widget's default: the TTN Sandbox's `eu1` cluster, home of its Identity Server.
pub const DEFAULT_BASE_URL: &str = "https://eu1.cloud.thethings.network";

/// The path of the `auth_info` call, appended to a base URL.
pub const AUTH_INFO_PATH: &str = "/api/v3/auth_info";

/// The path of the Console, appended to a base URL.
pub const CONSOLE_PATH: &str = "/console";

/// The TTN Sandbox domain: clusters are `<cluster>.cloud.thethings.network`.
const SANDBOX_DOMAIN: &str = "cloud.thethings.network";
/// The TTS Cloud domain: tenants are `<tenant-id>.<cluster>.cloud.thethings.industries`.
const CLOUD_DOMAIN: &str = "cloud.thethings.industries";
/// The one cluster of the Sandbox and of TTS Cloud that runs the Identity Server.
const IDENTITY_SERVER_CLUSTER: &str = "eu1";
/// The Sandbox's cluster picker page, which serves no API.
const CLUSTER_PICKER_HOST: &str = "console.cloud.thethings.network";
/// The longest tenant ID, in characters (the ID rule of NOTES §6).
const TENANT_ID_MAX_LEN: usize = 36;
/// The fewest letters and digits in a tenant ID.
const TENANT_ID_MIN_ALPHANUMERIC: usize = 3;
/// The longest DNS label.
const LABEL_MAX_LEN: usize = 63;
/// The longest DNS name, without a trailing dot.
const HOST_MAX_LEN: usize = 253;

/// What kind of server a host is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClusterKind {
    /// The Things Network Sandbox: `<cluster>.cloud.thethings.network`.
    Sandbox,
    /// A tenant of The Things Stack Cloud: `<tenant-id>.<cluster>.cloud.thethings.industries`.
    Cloud,
    /// A server on this computer: `localhost`, `127.x.y.z` or `[::1]`.
    Loopback,
    /// Any other server, such as a self-hosted The Things Stack.
    Other,
}

impl ClusterKind {
    /// Every kind.
    pub const ALL: [ClusterKind; 4] = [
        ClusterKind::Sandbox,
        ClusterKind::Cloud,
        ClusterKind::Loopback,
        ClusterKind::Other,
    ];

    /// Stable snake_case code, as JS sees it.
    pub fn code(self) -> &'static str {
        match self {
            ClusterKind::Sandbox => "sandbox",
            ClusterKind::Cloud => "cloud",
            ClusterKind::Loopback => "loopback",
            ClusterKind::Other => "other",
        }
    }
}

/// A regional cluster of the TTN Sandbox or of TTS Cloud, for the widget's `<select>`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct KnownCluster {
    /// [`ClusterKind::Sandbox`] or [`ClusterKind::Cloud`].
    pub kind: ClusterKind,
    /// The cluster ID, the first host label of a Sandbox host (`eu1`).
    pub id: &'static str,
    /// The human label, e.g. "Europe 1 (eu1) — The Things Network Sandbox".
    pub label: &'static str,
    /// The host for the Sandbox; for TTS Cloud the part after `<tenant-id>.`.
    pub domain: &'static str,
    /// Whether the Identity Server, and so `auth_info`, runs on this cluster.
    pub has_identity_server: bool,
}

macro_rules! known_clusters {
    ($( $kind:ident $id:literal, $label:literal; )*) => {
        /// Every cluster of the TTN Sandbox, then every cluster of TTS Cloud (NOTES §7).
        pub const KNOWN_CLUSTERS: &[KnownCluster] = &[
            $( KnownCluster {
                kind: ClusterKind::$kind,
                id: $id,
                label: $label,
                domain: known_clusters!(@domain $kind $id),
                has_identity_server: matches!($id.as_bytes(), b"eu1"),
            }, )*
        ];
    };
    (@domain Sandbox $id:literal) => { concat!($id, ".cloud.thethings.network") };
    (@domain Cloud $id:literal) => { concat!($id, ".cloud.thethings.industries") };
}

known_clusters! {
    Sandbox "eu1", "Europe 1 (eu1) — The Things Network Sandbox";
    Sandbox "nam1", "North America 1 (nam1) — The Things Network Sandbox";
    Sandbox "au1", "Australia 1 (au1) — The Things Network Sandbox";
    Cloud "eu1", "Europe 1 (eu1) — The Things Stack Cloud";
    Cloud "eu2", "Europe 2 (eu2) — The Things Stack Cloud";
    Cloud "nam1", "North America 1 (nam1) — The Things Stack Cloud";
    Cloud "au1", "Australia 1 (au1) — The Things Stack Cloud";
    Cloud "as1", "Asia 1 (as1) — The Things Stack Cloud";
}

impl KnownCluster {
    /// The known cluster `id` of `kind`, if there is one.
    pub fn find(kind: ClusterKind, id: &str) -> Option<&'static KnownCluster> {
        KNOWN_CLUSTERS
            .iter()
            .find(|cluster| cluster.kind == kind && cluster.id == id)
    }
}

/// A server to check keys against: a normalised base URL and what is known about it.
///
/// Built only by [`Cluster::parse`], [`Cluster::from_tenant_id`] and [`Cluster::default`],
/// so holding one proves the base URL is `https://host[:port]` (or `http://` to this
/// computer), without user info, path, query or fragment, with a lower-case ASCII host.
/// Serializes to camelCase fields for JS; warnings and changes as `{code, message, …}`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cluster {
    base_url: String,
    scheme: &'static str,
    host: String,
    port: Option<u16>,
    kind: ClusterKind,
    cluster_id: Option<&'static str>,
    tenant_id: Option<String>,
    auth_info_url: String,
    console_url: String,
    suggested_base_url: Option<String>,
    needs_confirmation: bool,
    warnings: Vec<WarningKind>,
    changes: Vec<Change>,
}

impl Cluster {
    /// Parses an address typed or pasted into the cluster field.
    ///
    /// Accepts a base URL, a host with or without `https://` (added, and reported), and
    /// Console, API or login page URLs (reduced to the base, and reported). On failure the
    /// error is the first problem found, with its span in `input`.
    pub fn parse(input: &str) -> Result<Cluster, ClusterError> {
        let mut changes = Vec::new();
        let (start, end) = trim_edges(input, &mut changes);
        let text = input.get(start..end).unwrap_or("");
        if text.is_empty() {
            return Err(error(input, ClusterErrorKind::Empty, 0, input.len()));
        }

        let (scheme, rest_start) = scheme(input, start, text, &mut changes)?;
        let rest = input.get(rest_start..end).unwrap_or("");
        let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at_checked(authority_len).unwrap_or((rest, ""));
        if let Some(at) = authority.rfind('@') {
            let kind = ClusterErrorKind::UserInfo;
            return Err(error(input, kind, rest_start, rest_start + at + 1));
        }

        let (host_text, port_text) = split_port(input, rest_start, authority)?;
        let host = host(input, rest_start, host_text, &mut changes)?;
        let scheme = match scheme {
            Some(scheme) => scheme,
            None if host.is_loopback => {
                let kind = ClusterErrorKind::MissingScheme;
                return Err(error(input, kind, start, start));
            }
            None => {
                push_change(&mut changes, input, ChangeKind::AddedScheme, start, start);
                Scheme::Https
            }
        };
        if scheme == Scheme::Http && !host.is_loopback {
            let kind = ClusterErrorKind::InsecureScheme;
            return Err(error(input, kind, start, start + "http".len()));
        }
        let port_start = rest_start + host_text.len();
        let port = port(input, port_start, port_text, scheme, &mut changes)?;
        path(input, rest_start + authority_len, tail, &mut changes)?;

        let mut place = classify(input, rest_start, &host)?;
        let is_known_domain = matches!(place.kind, ClusterKind::Sandbox | ClusterKind::Cloud);
        if is_known_domain && port.is_some() {
            place.warnings.push(WarningKind::UnexpectedPort);
        }
        crate::order::sort_by_key(&mut changes, |change| {
            (change.start, change.end, change.kind as u8)
        });
        Ok(Cluster::build(scheme, host.name, port, place, changes))
    }

    /// The TTS Cloud tenant `input` on `eu1`, where its Identity Server runs:
    /// `https://<tenant-id>.eu1.cloud.thethings.industries`.
    ///
    /// Surrounding whitespace is removed and upper case lowered (both reported as
    /// changes); the rest must follow the ID rules: lower-case letters, digits and single
    /// inner dashes, 3 to 36 characters.
    pub fn from_tenant_id(input: &str) -> Result<Cluster, ClusterError> {
        let mut changes = Vec::new();
        let (start, end) = trim_edges(input, &mut changes);
        let text = input.get(start..end).unwrap_or("");
        if text.is_empty() {
            return Err(error(
                input,
                ClusterErrorKind::EmptyTenantId,
                0,
                input.len(),
            ));
        }
        if text.contains(['.', '/', ':']) {
            return Err(error(input, ClusterErrorKind::TenantIdAddress, start, end));
        }
        let tenant_id = text.to_ascii_lowercase();
        if tenant_id != text {
            push_change(&mut changes, input, ChangeKind::Lowercase, start, end);
        }
        // Invariant: ASCII lower-casing keeps every byte offset, so spans into the
        // lowered text are spans into the input.
        check_tenant_id(input, start, &tenant_id)?;
        crate::order::sort_by_key(&mut changes, |change| {
            (change.start, change.end, change.kind as u8)
        });

        let host = format!("{tenant_id}.{IDENTITY_SERVER_CLUSTER}.{CLOUD_DOMAIN}");
        let place = Place {
            kind: ClusterKind::Cloud,
            cluster_id: Some(IDENTITY_SERVER_CLUSTER),
            tenant_id: Some(tenant_id),
            warnings: Vec::new(),
            suggested_host: None,
        };
        Ok(Cluster::build(Scheme::Https, host, None, place, changes))
    }

    fn build(
        scheme: Scheme,
        host: String,
        port: Option<u16>,
        place: Place,
        changes: Vec<Change>,
    ) -> Cluster {
        let suggested_base_url = place
            .suggested_host
            .map(|suggested| base_url(scheme, &suggested, port));
        let base_url = base_url(scheme, &host, port);
        Cluster {
            auth_info_url: format!("{base_url}{AUTH_INFO_PATH}"),
            console_url: format!("{base_url}{CONSOLE_PATH}"),
            base_url,
            scheme: scheme.as_str(),
            host,
            port,
            kind: place.kind,
            cluster_id: place.cluster_id,
            tenant_id: place.tenant_id,
            suggested_base_url,
            needs_confirmation: place.kind == ClusterKind::Other,
            warnings: place.warnings,
            changes,
        }
    }

    /// The normalised base URL: `https://host[:port]`, no trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `https`, or `http` for a server on this computer.
    pub fn scheme(&self) -> &'static str {
        self.scheme
    }

    /// The host, lower case; an IPv6 address in brackets.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, when not the scheme's default.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// What kind of server this is.
    pub fn kind(&self) -> ClusterKind {
        self.kind
    }

    /// The known regional cluster (`eu1`, `nam1`, …), for Sandbox and Cloud hosts.
    pub fn cluster_id(&self) -> Option<&'static str> {
        self.cluster_id
    }

    /// The known cluster, for Sandbox and Cloud hosts on a known cluster.
    pub fn known_cluster(&self) -> Option<&'static KnownCluster> {
        self.cluster_id
            .and_then(|cluster_id| KnownCluster::find(self.kind, cluster_id))
    }

    /// The tenant ID, for TTS Cloud hosts of the form `<tenant-id>.<cluster>.…`.
    pub fn tenant_id(&self) -> Option<&str> {
        self.tenant_id.as_deref()
    }

    /// `{base}/api/v3/auth_info`, the URL the live check calls.
    pub fn auth_info_url(&self) -> &str {
        &self.auth_info_url
    }

    /// `{base}/console`, the Console of this server.
    pub fn console_url(&self) -> &str {
        &self.console_url
    }

    /// The `eu1` base URL to use instead, when this cluster has no Identity Server
    /// (warning [`WarningKind::NotIdentityServer`]).
    pub fn suggested_base_url(&self) -> Option<&str> {
        self.suggested_base_url.as_deref()
    }

    /// Whether the user must confirm the server before a key is sent: true for hosts
    /// outside the Sandbox and TTS Cloud domains that are not on this computer.
    pub fn needs_confirmation(&self) -> bool {
        self.needs_confirmation
    }

    /// What the user should know about this server, most important first.
    pub fn warnings(&self) -> &[WarningKind] {
        &self.warnings
    }

    /// How the input was normalised, in order of position.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }
}

/// The widget's default, [`DEFAULT_BASE_URL`].
impl Default for Cluster {
    fn default() -> Cluster {
        let host = format!("{IDENTITY_SERVER_CLUSTER}.{SANDBOX_DOMAIN}");
        let place = Place {
            kind: ClusterKind::Sandbox,
            cluster_id: Some(IDENTITY_SERVER_CLUSTER),
            tenant_id: None,
            warnings: Vec::new(),
            suggested_host: None,
        };
        Cluster::build(Scheme::Https, host, None, place, Vec::new())
    }
}

/// The base URL.
impl fmt::Display for Cluster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base_url)
    }
}

/// Why an address cannot be used, and where.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ClusterError {
    kind: ClusterErrorKind,
    start: usize,
    end: usize,
}

impl ClusterError {
    /// What is wrong.
    pub fn kind(&self) -> ClusterErrorKind {
        self.kind
    }

    /// Where the problem starts, in UTF-16 code units of the original input.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where the problem ends (exclusive), in UTF-16 code units; equal to `start` when
    /// something is missing at that point.
    pub fn end(&self) -> usize {
        self.end
    }
}

impl fmt::Display for ClusterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.message())
    }
}

impl std::error::Error for ClusterError {}

/// `{code, message, start, end}`, the shape JS gets.
impl Serialize for ClusterError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("ClusterError", 4)?;
        state.serialize_field("code", self.kind.code())?;
        state.serialize_field("message", self.kind.message())?;
        state.serialize_field("start", &self.start)?;
        state.serialize_field("end", &self.end)?;
        state.end()
    }
}

/// One normalisation [`Cluster::parse`] made, and where in the original input.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Change {
    kind: ChangeKind,
    start: usize,
    end: usize,
}

impl Change {
    /// What was changed.
    pub fn kind(&self) -> ChangeKind {
        self.kind
    }

    /// Start of the changed text, in UTF-16 code units of the original input.
    pub fn start(&self) -> usize {
        self.start
    }

    /// End (exclusive) of the changed text; equal to `start` for an insertion.
    pub fn end(&self) -> usize {
        self.end
    }
}

/// `{code, message, start, end}`, the shape JS gets.
impl Serialize for Change {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Change", 4)?;
        state.serialize_field("code", self.kind.code())?;
        state.serialize_field("message", self.kind.message())?;
        state.serialize_field("start", &self.start)?;
        state.serialize_field("end", &self.end)?;
        state.end()
    }
}

/// `{code, message}`, the shape JS gets.
impl Serialize for WarningKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Warning", 2)?;
        state.serialize_field("code", self.code())?;
        state.serialize_field("message", self.message())?;
        state.end()
    }
}

macro_rules! kind_table {
    ($(#[$enum_doc:meta])* $name:ident {
        $( $(#[$doc:meta])* $variant:ident = $code:literal, $message:literal; )*
    }) => {
        $(#[$enum_doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$doc])* $variant, )*
        }

        impl $name {
            /// Every kind, in table order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable snake_case code, as JS sees it.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// What the user should know or do, in one or two sentences.
            pub fn message(self) -> &'static str {
                match self { $($name::$variant => $message,)* }
            }
        }
    };
}

kind_table! {
    /// What is wrong with an address or tenant ID. Each kind has a stable snake_case
    /// [`code`](ClusterErrorKind::code) and a message that says what to do next.
    ClusterErrorKind {
        /// Nothing was entered.
        Empty = "empty",
            "Enter the address of The Things Stack, such as https://eu1.cloud.thethings.network.";
        /// A scheme other than `https` or `http`.
        UnsupportedScheme = "unsupported_scheme",
            "The address must start with https://. Other schemes, such as mqtts:// or wss://, do not reach the API.";
        /// `http:` or `https:` without the two slashes.
        MalformedScheme = "malformed_scheme",
            "Write the start of the address as https:// (with two slashes).";
        /// `http://` to a server that is not on this computer.
        InsecureScheme = "insecure_scheme",
            "The address must start with https://, not http://, or the API key would travel unencrypted. Only a server on this computer (localhost) may use http://.";
        /// A local address without a scheme, which could be either.
        MissingScheme = "missing_scheme",
            "Start the address of a server on this computer with http:// or https://, whichever it uses.";
        /// A user name or password before the host (`user:pass@`).
        UserInfo = "user_info",
            "Remove the user name and password before the @. The API key is the only credential the check needs, and a password does not belong in an address.";
        /// No host after the scheme.
        MissingHost = "missing_host",
            "The host name is missing. Enter an address such as https://eu1.cloud.thethings.network.";
        /// A non-ASCII or invisible character in the host (an IDN, a look-alike letter).
        NonAsciiHost = "non_ascii_host",
            "The host name contains a character other than the plain letters a to z, digits, dots and dashes: an accented letter, a look-alike letter from another alphabet, or an invisible character. Type the address again in plain letters; internationalized domain names are not supported.";
        /// An ASCII character that no host name holds (space, underscore, `%`, `\`, …).
        InvalidHostCharacter = "invalid_host_character",
            "Host names contain only letters, digits, dots and dashes; this character is none of those. Check the address.";
        /// Two dots in a row, or a dot at the start or end of the host.
        HostEmptyLabel = "host_empty_label",
            "The host name has two dots in a row, or a dot at its start or end. Check the address.";
        /// A part of the host that starts or ends with a dash.
        HostLabelDash = "host_label_dash",
            "A part of the host name between dots cannot start or end with a dash. Check the address.";
        /// A host part over 63 characters, or a host over 253.
        HostTooLong = "host_too_long",
            "This host name is too long: parts between dots have at most 63 characters, the whole name at most 253. Check the address.";
        /// A malformed IPv4 or IPv6 address.
        InvalidIpAddress = "invalid_ip_address",
            "This IP address is malformed. Check it; an IPv6 address goes in brackets, as in http://[::1]:1885.";
        /// A port that is empty, not a number, 0 or over 65535.
        InvalidPort = "invalid_port",
            "The port after the colon must be a number from 1 to 65535.";
        /// A query (`?…`) or fragment (`#…`) after the host.
        QueryOrFragment = "query_or_fragment",
            "Remove the part from the ? or #: the server address ends after the host name and port.";
        /// A path that is not a Console, API or login page path.
        UnexpectedPath = "unexpected_path",
            "Enter only the server address, which ends after the host name and port, such as https://eu1.cloud.thethings.network. The Things Stack does not run under a path.";
        /// `console.cloud.thethings.network`, the Sandbox's cluster picker.
        ClusterPicker = "cluster_picker",
            "This address opens the cluster picker, not a cluster. Choose your cluster from the list instead, or enter the address the picker leads to, such as https://eu1.cloud.thethings.network.";
        /// A TTS Cloud cluster host without the tenant ID in front.
        MissingTenant = "missing_tenant",
            "The Things Stack Cloud addresses start with your tenant ID, as in https://<tenant-id>.eu1.cloud.thethings.industries. Add it in front.";
        /// No tenant ID was entered.
        EmptyTenantId = "empty_tenant_id",
            "Enter your tenant ID: the first part of your Console address, such as acme in https://acme.eu1.cloud.thethings.industries.";
        /// An address where a tenant ID was asked for.
        TenantIdAddress = "tenant_id_address",
            "This is an address, not a tenant ID. Enter only the first part, such as acme in acme.eu1.cloud.thethings.industries, or enter the whole address as a custom address.";
        /// A tenant ID character other than a lower-case letter, digit or dash.
        TenantIdCharacter = "tenant_id_character",
            "Tenant IDs contain only lower-case letters a to z, digits and dashes; this character is none of those. Check the tenant ID in your Console address.";
        /// A tenant ID that starts or ends with a dash or has two in a row.
        TenantIdDash = "tenant_id_dash",
            "Tenant IDs cannot start or end with a dash or have two dashes in a row. Check the tenant ID in your Console address.";
        /// A tenant ID with fewer than 3 letters and digits, or over 36 characters.
        TenantIdLength = "tenant_id_length",
            "Tenant IDs have 3 to 36 characters, at least 3 of them letters or digits. Check the tenant ID in your Console address.";
    }
}

kind_table! {
    /// What the user should know about a usable address. Each kind has a stable
    /// snake_case [`code`](WarningKind::code) and a message that says what to do.
    WarningKind {
        /// A host outside the Sandbox and TTS Cloud domains: the user must confirm it.
        UnknownHost = "unknown_host",
            "This server is not part of The Things Network Sandbox or The Things Stack Cloud. Send it an API key only if you run or trust it; check the address first.";
        /// A cluster under a known domain that is not a known cluster.
        UnknownCluster = "unknown_cluster",
            "This is not a known cluster of The Things Network Sandbox (eu1, nam1, au1) or The Things Stack Cloud (eu1, eu2, nam1, au1, as1). Check the address: copy it from the browser while the Console is open.";
        /// A cluster without the Identity Server, which answers `auth_info`.
        NotIdentityServer = "not_identity_server",
            "API keys are checked by the Identity Server, which runs only on the eu1 cluster. Use the eu1 address instead; devices and gateways can stay on this cluster.";
        /// An explicit port on a Sandbox or TTS Cloud host, which serve the API on 443.
        UnexpectedPort = "unexpected_port",
            "The Things Network Sandbox and The Things Stack Cloud serve the API on the standard port, 443. Remove the port unless you are sure you need it.";
    }
}

kind_table! {
    /// How [`Cluster::parse`] normalised an input. Each kind has a stable snake_case
    /// [`code`](ChangeKind::code) and a message that says what was done.
    ChangeKind {
        /// Spaces, line breaks or invisible characters around the input.
        SurroundingWhitespace = "surrounding_whitespace",
            "Removed spaces and line breaks around the input.";
        /// A missing `https://`.
        AddedScheme = "added_scheme",
            "Added https:// in front of the address.";
        /// Upper-case letters in the scheme, host or tenant ID.
        Lowercase = "lowercase",
            "Converted upper-case letters to lower case.";
        /// The scheme's default port (`:443` for https, `:80` for http).
        DefaultPort = "default_port",
            "Removed the port: it is the standard one (443 for https, 80 for http).";
        /// Slashes after the host.
        TrailingSlash = "trailing_slash",
            "Removed the slash at the end of the address.";
        /// A Console page URL (`/console…`).
        ConsolePath = "console_path",
            "This is a Console page address: kept only the server address, without /console and what follows.";
        /// An API URL (`/api/v3…`).
        ApiPath = "api_path",
            "This is an API address: kept only the server address, without /api/v3 and what follows.";
        /// A login page URL (`/oauth…`).
        OAuthPath = "oauth_path",
            "This is a login page address: kept only the server address, without /oauth and what follows.";
    }
}

/// The schemes a base URL may have.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scheme {
    Https,
    Http,
}

impl Scheme {
    fn as_str(self) -> &'static str {
        match self {
            Scheme::Https => "https",
            Scheme::Http => "http",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Scheme::Https => 443,
            Scheme::Http => 80,
        }
    }
}

/// A checked host: lower case, and whether it is this computer.
#[derive(Debug)]
struct Host {
    name: String,
    is_loopback: bool,
}

/// Where a host is: its kind, known cluster and tenant, and what to warn about.
#[derive(Debug)]
struct Place {
    kind: ClusterKind,
    cluster_id: Option<&'static str>,
    tenant_id: Option<String>,
    warnings: Vec<WarningKind>,
    suggested_host: Option<String>,
}

/// Byte range of `input` without surrounding whitespace and invisible characters; notes a
/// change for each side that had some.
fn trim_edges(input: &str, changes: &mut Vec<Change>) -> (usize, usize) {
    let start = input.len() - input.trim_start_matches(is_edge).len();
    let end = input.trim_end_matches(is_edge).len().max(start);
    for (edge_start, edge_end) in [(0, start), (end, input.len())] {
        if edge_start < edge_end {
            let kind = ChangeKind::SurroundingWhitespace;
            push_change(changes, input, kind, edge_start, edge_end);
        }
    }
    (start, end)
}

/// The scheme of `text` (which starts at byte `start` of `input`) and the byte offset of
/// what follows `://`; `None` when there is no scheme.
fn scheme(
    input: &str,
    start: usize,
    text: &str,
    changes: &mut Vec<Change>,
) -> Result<(Option<Scheme>, usize), ClusterError> {
    let Some((candidate, _)) = crate::text::split_once(text, "://").filter(|(s, _)| is_scheme(s))
    else {
        let lower = text.get(..6).unwrap_or(text).to_ascii_lowercase();
        for prefix in ["https:", "http:"] {
            if lower.starts_with(prefix) {
                let after = text.get(prefix.len()..).unwrap_or("");
                let slashes = after.len() - after.trim_start_matches(['/', '\\']).len();
                let end = start + prefix.len() + slashes;
                return Err(error(input, ClusterErrorKind::MalformedScheme, start, end));
            }
        }
        return Ok((None, start));
    };
    let scheme_end = start + candidate.len();
    let scheme = match candidate.to_ascii_lowercase().as_str() {
        "https" => Scheme::Https,
        "http" => Scheme::Http,
        _ => {
            let kind = ClusterErrorKind::UnsupportedScheme;
            return Err(error(input, kind, start, scheme_end));
        }
    };
    if candidate != scheme.as_str() {
        push_change(changes, input, ChangeKind::Lowercase, start, scheme_end);
    }
    Ok((Some(scheme), scheme_end + "://".len()))
}

/// Whether `text` is a URL scheme: a letter, then letters, digits, `+`, `-` or `.`.
fn is_scheme(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Splits `authority` (at byte `start` of `input`) into the host and the port text after
/// the colon, if any. An IPv6 host keeps its brackets.
fn split_port<'a>(
    input: &str,
    start: usize,
    authority: &'a str,
) -> Result<(&'a str, Option<&'a str>), ClusterError> {
    if !authority.starts_with('[') {
        return Ok(match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        });
    }
    let Some(close) = authority.find(']') else {
        let kind = ClusterErrorKind::InvalidIpAddress;
        return Err(error(input, kind, start, start + authority.len()));
    };
    let (host, after) = authority
        .split_at_checked(close + 1)
        .unwrap_or((authority, ""));
    if after.is_empty() {
        return Ok((host, None));
    }
    match after.strip_prefix(':') {
        Some(port) => Ok((host, Some(port))),
        None => {
            let kind = ClusterErrorKind::InvalidIpAddress;
            Err(error(input, kind, start, start + authority.len()))
        }
    }
}

/// Checks the host `text` (at byte `start` of `input`) and lowers its case.
fn host(
    input: &str,
    start: usize,
    text: &str,
    changes: &mut Vec<Change>,
) -> Result<Host, ClusterError> {
    let end = start + text.len();
    if text.is_empty() {
        return Err(error(input, ClusterErrorKind::MissingHost, start, end));
    }
    let name = text.to_ascii_lowercase();
    if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        let Some(groups) = ipv6(inner) else {
            return Err(error(input, ClusterErrorKind::InvalidIpAddress, start, end));
        };
        if name != text {
            push_change(changes, input, ChangeKind::Lowercase, start, end);
        }
        return Ok(Host {
            name,
            is_loopback: groups == [0, 0, 0, 0, 0, 0, 0, 1],
        });
    }

    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let char_start = start + offset;
        if !c.is_ascii() {
            let mut char_end = char_start + c.len_utf8();
            while let Some((next_offset, next)) = chars.next_if(|(_, next)| !next.is_ascii()) {
                char_end = start + next_offset + next.len_utf8();
            }
            let kind = ClusterErrorKind::NonAsciiHost;
            return Err(error(input, kind, char_start, char_end));
        }
        if !(c.is_ascii_alphanumeric() || c == '-' || c == '.') {
            let kind = ClusterErrorKind::InvalidHostCharacter;
            return Err(error(input, kind, char_start, char_start + 1));
        }
    }
    // Invariant: from here `name` is ASCII, so byte offsets in it are offsets in `text`.
    let mut label_start = 0;
    for label in name.split('.') {
        let label_end = label_start + label.len();
        if label.is_empty() {
            let dot_start = start + label_start.saturating_sub(1);
            let dot_end = (start + label_start + 1).min(end);
            let kind = ClusterErrorKind::HostEmptyLabel;
            return Err(error(input, kind, dot_start, dot_end));
        }
        let (label_span_start, label_span_end) = (start + label_start, start + label_end);
        if label.len() > LABEL_MAX_LEN {
            let kind = ClusterErrorKind::HostTooLong;
            return Err(error(input, kind, label_span_start, label_span_end));
        }
        if label.starts_with('-') || label.ends_with('-') {
            let kind = ClusterErrorKind::HostLabelDash;
            return Err(error(input, kind, label_span_start, label_span_end));
        }
        label_start = label_end + 1;
    }
    if name.len() > HOST_MAX_LEN {
        return Err(error(input, ClusterErrorKind::HostTooLong, start, end));
    }
    // A host whose last part is a number is an IPv4 address, as browsers read it.
    let last_label = name.rsplit('.').next().unwrap_or("");
    let is_loopback = if last_label.bytes().all(|b| b.is_ascii_digit()) {
        match ipv4(&name) {
            Some(octets) => octets[0] == 127,
            None => return Err(error(input, ClusterErrorKind::InvalidIpAddress, start, end)),
        }
    } else {
        name == "localhost"
    };
    if name != text {
        push_change(changes, input, ChangeKind::Lowercase, start, end);
    }
    Ok(Host { name, is_loopback })
}

/// The four numbers of the IPv4 address `text`, read as `Ipv4Addr::from_str` reads it
/// (see [`AddrReader`]).
fn ipv4(text: &str) -> Option<[u8; 4]> {
    let mut reader = AddrReader::new(text);
    reader.ipv4().filter(|_| reader.at_end())
}

/// The eight groups of the IPv6 address `text`, read as `Ipv6Addr::from_str` reads it.
fn ipv6(text: &str) -> Option<[u16; 8]> {
    let mut reader = AddrReader::new(text);
    reader.ipv6().filter(|_| reader.at_end())
}

/// Reads IP addresses step by step as the standard library's `std::net` parser does, so
/// the same texts are valid (no octal or over-long numbers, one `::`, an IPv4 tail),
/// in a fraction of its code in the wasm. A step that fails puts the position back.
struct AddrReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> AddrReader<'a> {
    fn new(text: &'a str) -> AddrReader<'a> {
        AddrReader {
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// Runs `read`, putting the position back when it fails.
    fn atomically<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let at = self.at;
        let result = read(self);
        if result.is_none() {
            self.at = at;
        }
        result
    }

    /// Steps over `byte` if it comes next.
    fn given(&mut self, byte: u8) -> Option<()> {
        let found = self.bytes.get(self.at) == Some(&byte);
        found.then(|| self.at += 1)
    }

    /// A number of 1 to `max_digits` digits in `radix`; with a leading zero only if
    /// `zero_prefix` allows it or it is the only digit.
    fn number(&mut self, radix: u32, max_digits: usize, zero_prefix: bool) -> Option<u32> {
        self.atomically(|reader| {
            let leading_zero = reader.bytes.get(reader.at) == Some(&b'0');
            let (mut value, mut digits) = (0, 0);
            while let Some(digit) = reader
                .bytes
                .get(reader.at)
                .and_then(|&byte| char::from(byte).to_digit(radix))
            {
                reader.at += 1;
                value = value * radix + digit;
                digits += 1;
                if digits > max_digits {
                    return None;
                }
            }
            let bad_zero = !zero_prefix && leading_zero && digits > 1;
            (digits > 0 && !bad_zero).then_some(value)
        })
    }

    /// What `read` reads, after `separator` unless it is the first of a list (`index`
    /// 0).
    fn separated<T>(
        &mut self,
        separator: u8,
        index: usize,
        read: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        self.atomically(|reader| {
            if index > 0 {
                reader.given(separator)?;
            }
            read(reader)
        })
    }

    /// Four decimal numbers of up to 255 with dots between.
    fn ipv4(&mut self) -> Option<[u8; 4]> {
        self.atomically(|reader| {
            let mut octets = [0; 4];
            for (index, octet) in octets.iter_mut().enumerate() {
                *octet = reader.separated(b'.', index, |reader| {
                    u8::try_from(reader.number(10, 3, false)?).ok()
                })?;
            }
            Some(octets)
        })
    }

    /// Up to `groups.len()` hexadecimal groups with colons between, the last two of
    /// which may be an IPv4 address: how many were read, and whether they end in one.
    fn groups(&mut self, groups: &mut [u16]) -> (usize, bool) {
        let limit = groups.len();
        for index in 0..limit {
            if index + 1 < limit {
                if let Some([a, b, c, d]) = self.separated(b':', index, Self::ipv4) {
                    groups[index] = u16::from_be_bytes([a, b]);
                    groups[index + 1] = u16::from_be_bytes([c, d]);
                    return (index + 2, true);
                }
            }
            let group = self.separated(b':', index, |reader| {
                u16::try_from(reader.number(16, 4, true)?).ok()
            });
            match group {
                Some(group) => groups[index] = group,
                None => return (index, false),
            }
        }
        (limit, false)
    }

    /// Eight groups, or fewer around one `::` that stands for at least one group of
    /// zeros (an IPv4 tail only after it, or as the last two of eight).
    fn ipv6(&mut self) -> Option<[u16; 8]> {
        self.atomically(|reader| {
            let mut head = [0; 8];
            let (head_len, head_ipv4) = reader.groups(&mut head);
            if head_len == 8 {
                return Some(head);
            }
            if head_ipv4 {
                return None;
            }
            reader.given(b':')?;
            reader.given(b':')?;
            let mut tail = [0; 7];
            let (tail_len, _) = reader.groups(&mut tail[..7 - head_len]);
            head[8 - tail_len..].copy_from_slice(&tail[..tail_len]);
            Some(head)
        })
    }
}

/// The port in `text` (the part after the colon at byte `colon` of `input`), `None` when
/// absent or the scheme's default (which is removed and noted).
fn port(
    input: &str,
    colon: usize,
    text: Option<&str>,
    scheme: Scheme,
    changes: &mut Vec<Change>,
) -> Result<Option<u16>, ClusterError> {
    let Some(text) = text else {
        return Ok(None);
    };
    let end = colon + 1 + text.len();
    let is_digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let port = match text.parse::<u16>() {
        Ok(port) if is_digits && port != 0 => port,
        _ => return Err(error(input, ClusterErrorKind::InvalidPort, colon, end)),
    };
    if port == scheme.default_port() {
        push_change(changes, input, ChangeKind::DefaultPort, colon, end);
        return Ok(None);
    }
    Ok(Some(port))
}

/// Checks what follows the host and port (`tail`, at byte `start` of `input`): nothing,
/// slashes, or a Console, API or login page path (removed and noted).
fn path(
    input: &str,
    start: usize,
    tail: &str,
    changes: &mut Vec<Change>,
) -> Result<(), ClusterError> {
    let end = start + tail.len();
    if tail.is_empty() {
        return Ok(());
    }
    if !tail.starts_with('/') {
        return Err(error(input, ClusterErrorKind::QueryOrFragment, start, end));
    }
    let path_len = tail.find(['?', '#']).unwrap_or(tail.len());
    let path = tail.get(..path_len).unwrap_or(tail);
    let segments = path.trim_start_matches('/');
    if segments.is_empty() {
        if path_len < tail.len() {
            let kind = ClusterErrorKind::QueryOrFragment;
            return Err(error(input, kind, start + path_len, end));
        }
        push_change(changes, input, ChangeKind::TrailingSlash, start, end);
        return Ok(());
    }
    let first = segments.split('/').next().unwrap_or("");
    let kind = if first.eq_ignore_ascii_case("console") {
        ChangeKind::ConsolePath
    } else if first.eq_ignore_ascii_case("api") {
        ChangeKind::ApiPath
    } else if first.eq_ignore_ascii_case("oauth") {
        ChangeKind::OAuthPath
    } else {
        let kind = ClusterErrorKind::UnexpectedPath;
        return Err(error(input, kind, start, start + path_len));
    };
    push_change(changes, input, kind, start, end);
    Ok(())
}

/// Where `host` (at byte `start` of `input`) is: Sandbox, TTS Cloud, this computer or
/// elsewhere, with the warnings and the `eu1` suggestion that follow.
fn classify(input: &str, start: usize, host: &Host) -> Result<Place, ClusterError> {
    let mut place = Place {
        kind: ClusterKind::Other,
        cluster_id: None,
        tenant_id: None,
        warnings: Vec::new(),
        suggested_host: None,
    };
    let name = host.name.as_str();
    if host.is_loopback {
        place.kind = ClusterKind::Loopback;
    } else if name == CLUSTER_PICKER_HOST {
        let kind = ClusterErrorKind::ClusterPicker;
        return Err(error(input, kind, start, start + name.len()));
    } else if let Some(prefix) = subdomain(name, SANDBOX_DOMAIN) {
        place.kind = ClusterKind::Sandbox;
        match KnownCluster::find(ClusterKind::Sandbox, prefix) {
            Some(known) => place.cluster_id = Some(known.id),
            None => place.warnings.push(WarningKind::UnknownCluster),
        }
    } else if let Some(prefix) = subdomain(name, CLOUD_DOMAIN) {
        place.kind = ClusterKind::Cloud;
        match prefix.split_once('.') {
            None if KnownCluster::find(ClusterKind::Cloud, prefix).is_some() => {
                let kind = ClusterErrorKind::MissingTenant;
                return Err(error(input, kind, start, start + name.len()));
            }
            Some((tenant_id, cluster_id)) if !cluster_id.contains('.') => {
                check_tenant_id(input, start, tenant_id)?;
                place.tenant_id = Some(tenant_id.to_owned());
                match KnownCluster::find(ClusterKind::Cloud, cluster_id) {
                    Some(known) => place.cluster_id = Some(known.id),
                    None => place.warnings.push(WarningKind::UnknownCluster),
                }
            }
            _ => place.warnings.push(WarningKind::UnknownCluster),
        }
    } else {
        place.warnings.push(WarningKind::UnknownHost);
    }

    if place
        .cluster_id
        .is_some_and(|id| id != IDENTITY_SERVER_CLUSTER)
    {
        place.warnings.push(WarningKind::NotIdentityServer);
        place.suggested_host = Some(match &place.tenant_id {
            Some(tenant_id) => format!("{tenant_id}.{IDENTITY_SERVER_CLUSTER}.{CLOUD_DOMAIN}"),
            None => format!("{IDENTITY_SERVER_CLUSTER}.{SANDBOX_DOMAIN}"),
        });
    }
    Ok(place)
}

/// The part of `host` before `.domain`: `Some("")` for `domain` itself, `None` when
/// `host` is not under `domain`.
fn subdomain<'a>(host: &'a str, domain: &str) -> Option<&'a str> {
    if host == domain {
        return Some("");
    }
    host.strip_suffix(domain)?.strip_suffix('.')
}

/// Checks `tenant_id` (at byte `start` of `input`) against the ID rules of NOTES §6.
fn check_tenant_id(input: &str, start: usize, tenant_id: &str) -> Result<(), ClusterError> {
    for (offset, c) in tenant_id.char_indices() {
        if !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            let char_start = start + offset;
            let kind = ClusterErrorKind::TenantIdCharacter;
            return Err(error(input, kind, char_start, char_start + c.len_utf8()));
        }
    }
    // Invariant: from here `tenant_id` is ASCII, one byte per character.
    let end = start + tenant_id.len();
    let dash = if tenant_id.starts_with('-') {
        Some((start, start + 1))
    } else if tenant_id.ends_with('-') {
        Some((end - 1, end))
    } else {
        crate::text::find(tenant_id, "--").map(|offset| (start + offset, start + offset + 2))
    };
    if let Some((dash_start, dash_end)) = dash {
        let kind = ClusterErrorKind::TenantIdDash;
        return Err(error(input, kind, dash_start, dash_end));
    }
    let n_alphanumeric = tenant_id.bytes().filter(u8::is_ascii_alphanumeric).count();
    if n_alphanumeric < TENANT_ID_MIN_ALPHANUMERIC || tenant_id.len() > TENANT_ID_MAX_LEN {
        return Err(error(input, ClusterErrorKind::TenantIdLength, start, end));
    }
    Ok(())
}

/// `scheme://host[:port]`.
fn base_url(scheme: Scheme, host: &str, port: Option<u16>) -> String {
    match port {
        Some(port) => format!("{}://{host}:{port}", scheme.as_str()),
        None => format!("{}://{host}", scheme.as_str()),
    }
}

fn is_edge(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// The UTF-16 offset of byte `byte` of `input`.
fn utf16_at(input: &str, byte: usize) -> usize {
    input.get(..byte).map_or(0, utf16_len)
}

fn error(input: &str, kind: ClusterErrorKind, start: usize, end: usize) -> ClusterError {
    ClusterError {
        kind,
        start: utf16_at(input, start),
        end: utf16_at(input, end),
    }
}

fn push_change(changes: &mut Vec<Change>, input: &str, kind: ChangeKind, start: usize, end: usize) {
    changes.push(Change {
        kind,
        start: utf16_at(input, start),
        end: utf16_at(input, end),
    });
}

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, Ipv6Addr};

    use super::{ipv4, ipv6};

    /// Checks that `text` reads as the standard library reads it, as IPv4 and as IPv6.
    fn reads_as_std(text: &str) {
        let std_v4 = text.parse::<Ipv4Addr>().ok().map(|a| a.octets());
        assert_eq!(ipv4(text), std_v4, "IPv4 {text:?}");
        let std_v6 = text.parse::<Ipv6Addr>().ok().map(|a| a.segments());
        assert_eq!(ipv6(text), std_v6, "IPv6 {text:?}");
    }

    #[test]
    fn addresses_read_as_the_standard_library_reads_them() {
        for text in [
            "",
            "127.0.0.1",
            "127.1",
            "1.2.3.4.5",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "0.0.0.0",
            "1.2.3.",
            ".1.2.3",
            "1..2.3",
            "1.2.3.04",
            "1.2.3.4 ",
            "1234.1.1.1",
            "::",
            "::1",
            "::2",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "::1:2:3:4:5:6:7",
            "::1:2:3:4:5:6:7:8",
            "1:2:3:4::5:6:7:8",
            "2001:db8::1",
            "fe80::1%eth0",
            "::ffff:1.2.3.4",
            "::ffff:127.0.0.1",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1.2.3.4::",
            "1.2.3.4::1",
            ":::",
            "1:::2",
            ":1::",
            "::1:",
            "12345::",
            "0000:0000::00001",
            "FFFF::ABCD",
            "::0.0.0.0",
            "1::2::3",
            "[::1]",
            "::1.2.3",
            "::1.2.3.4.5",
            "g::",
            "1:2:3:4:5:6:7:8%1",
        ] {
            reads_as_std(text);
        }
    }

    #[test]
    fn every_short_text_of_address_characters_reads_as_the_standard_library_reads_it() {
        const ALPHABET: &[u8] = b"01f9:.";
        let mut text = Vec::new();
        for len in 0..=7u32 {
            for n in 0..ALPHABET.len().pow(len) {
                text.clear();
                let mut rest = n;
                for _ in 0..len {
                    text.push(ALPHABET[rest % ALPHABET.len()]);
                    rest /= ALPHABET.len();
                }
                reads_as_std(std::str::from_utf8(&text).unwrap_or(""));
            }
        }
    }
}
