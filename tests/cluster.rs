//! `cluster` as data: one line per address or tenant ID, with the normalised base URL, the
//! kind, warnings, the `eu1` suggestion and every change or error with its UTF-16 span.
//!
//! A property test checks that no input panics and that spans stay inside the input.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the expectations, then review the diff.

use std::cell::RefCell;
use std::collections::BTreeSet;

use expect_test::{expect, Expect};
use proptest::prelude::*;
use tts_keycheck::cluster::{
    ChangeKind, Cluster, ClusterError, ClusterErrorKind, ClusterKind, KnownCluster, WarningKind,
    AUTH_INFO_PATH, CONSOLE_PATH, DEFAULT_BASE_URL, KNOWN_CLUSTERS,
};

thread_local! {
    static SEEN: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// Checks `Cluster::parse(input)`.
#[track_caller]
fn check(input: &str, expect: Expect) {
    expect.assert_eq(&render(input, Cluster::parse(input)));
}

/// Checks `Cluster::from_tenant_id(input)`.
#[track_caller]
fn check_tenant(input: &str, expect: Expect) {
    expect.assert_eq(&render(input, Cluster::from_tenant_id(input)));
}

/// One line: `<base> <kind>[/<cluster>] [tenant=…] [confirm] [warn=…] [use=…] [change@s..e]…`
/// or `error <code>@s..e`; and the invariants every result keeps.
#[track_caller]
fn render(input: &str, result: Result<Cluster, ClusterError>) -> String {
    let n_utf16 = input.encode_utf16().count();
    let cluster = match result {
        Ok(cluster) => cluster,
        Err(error) => {
            assert_eq!(error.to_string(), error.kind().message());
            assert!(error.start() <= error.end() && error.end() <= n_utf16);
            SEEN.with(|seen| seen.borrow_mut().insert(error.kind().code()));
            return format!(
                "error {}@{}..{}",
                error.kind().code(),
                error.start(),
                error.end()
            );
        }
    };
    let base = cluster.base_url();
    assert_eq!(cluster.auth_info_url(), format!("{base}{AUTH_INFO_PATH}"));
    assert_eq!(cluster.console_url(), format!("{base}{CONSOLE_PATH}"));
    assert_eq!(cluster.to_string(), base);
    assert_eq!(
        cluster.needs_confirmation(),
        cluster.kind() == ClusterKind::Other
    );
    // The base URL is a fixed point: parsing it again changes nothing.
    let again = Cluster::parse(base).expect("the base URL parses");
    assert_eq!(again.base_url(), base);
    assert!(again.changes().is_empty(), "{base} changes again");
    assert_eq!(
        (
            again.kind(),
            again.cluster_id(),
            again.tenant_id(),
            again.warnings()
        ),
        (
            cluster.kind(),
            cluster.cluster_id(),
            cluster.tenant_id(),
            cluster.warnings()
        ),
    );

    let mut out = vec![base.to_owned()];
    let mut kind = cluster.kind().code().to_owned();
    if let Some(cluster_id) = cluster.cluster_id() {
        kind = format!("{kind}/{cluster_id}");
    }
    out.push(kind);
    if let Some(tenant_id) = cluster.tenant_id() {
        out.push(format!("tenant={tenant_id}"));
    }
    if cluster.needs_confirmation() {
        out.push("confirm".to_owned());
    }
    if !cluster.warnings().is_empty() {
        let codes: Vec<_> = cluster.warnings().iter().map(|w| w.code()).collect();
        out.push(format!("warn={}", codes.join(",")));
    }
    if let Some(suggested) = cluster.suggested_base_url() {
        out.push(format!("use={suggested}"));
        let eu1 = Cluster::parse(suggested).expect("the suggestion parses");
        assert_eq!(eu1.cluster_id(), Some("eu1"));
    }
    for warning in cluster.warnings() {
        SEEN.with(|seen| seen.borrow_mut().insert(warning.code()));
    }
    for change in cluster.changes() {
        assert!(change.start() <= change.end() && change.end() <= n_utf16);
        out.push(format!(
            "{}@{}..{}",
            change.kind().code(),
            change.start(),
            change.end()
        ));
        SEEN.with(|seen| seen.borrow_mut().insert(change.kind().code()));
    }
    out.join(" ")
}

#[test]
#[rustfmt::skip]
fn addresses() {
    // The known clusters, as the widget offers them.
    check(DEFAULT_BASE_URL, expect!["https://eu1.cloud.thethings.network sandbox/eu1"]);
    check("https://nam1.cloud.thethings.network", expect!["https://nam1.cloud.thethings.network sandbox/nam1 warn=not_identity_server use=https://eu1.cloud.thethings.network"]);
    check("https://au1.cloud.thethings.network", expect!["https://au1.cloud.thethings.network sandbox/au1 warn=not_identity_server use=https://eu1.cloud.thethings.network"]);
    check("https://acme.eu1.cloud.thethings.industries", expect!["https://acme.eu1.cloud.thethings.industries cloud/eu1 tenant=acme"]);
    check("https://acme.eu2.cloud.thethings.industries", expect!["https://acme.eu2.cloud.thethings.industries cloud/eu2 tenant=acme warn=not_identity_server use=https://acme.eu1.cloud.thethings.industries"]);
    check("https://acme.au1.cloud.thethings.industries", expect!["https://acme.au1.cloud.thethings.industries cloud/au1 tenant=acme warn=not_identity_server use=https://acme.eu1.cloud.thethings.industries"]);
    check("https://acme.as1.cloud.thethings.industries", expect!["https://acme.as1.cloud.thethings.industries cloud/as1 tenant=acme warn=not_identity_server use=https://acme.eu1.cloud.thethings.industries"]);
    check("https://my-company-1.nam1.cloud.thethings.industries", expect!["https://my-company-1.nam1.cloud.thethings.industries cloud/nam1 tenant=my-company-1 warn=not_identity_server use=https://my-company-1.eu1.cloud.thethings.industries"]);

    // Normalisation: reported as changes, never errors.
    check("  https://eu1.cloud.thethings.network\n", expect!["https://eu1.cloud.thethings.network sandbox/eu1 surrounding_whitespace@0..2 surrounding_whitespace@37..38"]);
    check("\u{200B}https://eu1.cloud.thethings.network", expect!["https://eu1.cloud.thethings.network sandbox/eu1 surrounding_whitespace@0..1"]);
    check("eu1.cloud.thethings.network", expect!["https://eu1.cloud.thethings.network sandbox/eu1 added_scheme@0..0"]);
    check("HTTPS://EU1.Cloud.TheThings.Network", expect!["https://eu1.cloud.thethings.network sandbox/eu1 lowercase@0..5 lowercase@8..35"]);
    check("https://eu1.cloud.thethings.network/", expect!["https://eu1.cloud.thethings.network sandbox/eu1 trailing_slash@35..36"]);
    check("https://eu1.cloud.thethings.network///", expect!["https://eu1.cloud.thethings.network sandbox/eu1 trailing_slash@35..38"]);
    check("https://eu1.cloud.thethings.network:443", expect!["https://eu1.cloud.thethings.network sandbox/eu1 default_port@35..39"]);
    check("http://localhost:80/", expect!["http://localhost loopback default_port@16..19 trailing_slash@19..20"]);
    check("https://eu1.cloud.thethings.network/console", expect!["https://eu1.cloud.thethings.network sandbox/eu1 console_path@35..43"]);
    check("https://eu1.cloud.thethings.network/console/", expect!["https://eu1.cloud.thethings.network sandbox/eu1 console_path@35..44"]);
    check("https://eu1.cloud.thethings.network/console/organizations/x", expect!["https://eu1.cloud.thethings.network sandbox/eu1 console_path@35..59"]);
    check("https://eu1.cloud.thethings.network/console/organizations/my-org/api-keys?page=2#top", expect!["https://eu1.cloud.thethings.network sandbox/eu1 console_path@35..84"]);
    check("https://acme.eu1.cloud.thethings.industries/console/applications", expect!["https://acme.eu1.cloud.thethings.industries cloud/eu1 tenant=acme console_path@43..64"]);
    check("https://eu1.cloud.thethings.network/api/v3", expect!["https://eu1.cloud.thethings.network sandbox/eu1 api_path@35..42"]);
    check("https://eu1.cloud.thethings.network/api/v3/auth_info", expect!["https://eu1.cloud.thethings.network sandbox/eu1 api_path@35..52"]);
    check("https://eu1.cloud.thethings.network/oauth/login?n=%2Fconsole", expect!["https://eu1.cloud.thethings.network sandbox/eu1 oauth_path@35..60"]);
    check(" NAM1.cloud.thethings.network/Console/ ", expect!["https://nam1.cloud.thethings.network sandbox/nam1 warn=not_identity_server use=https://eu1.cloud.thethings.network surrounding_whitespace@0..1 added_scheme@1..1 lowercase@1..29 console_path@29..38 surrounding_whitespace@38..39"]);

    // The Identity Server is only on eu1: a warning and the eu1 address to use.
    check("https://nam1.cloud.thethings.network/console", expect!["https://nam1.cloud.thethings.network sandbox/nam1 warn=not_identity_server use=https://eu1.cloud.thethings.network console_path@36..44"]);
    check("https://acme.au1.cloud.thethings.industries", expect!["https://acme.au1.cloud.thethings.industries cloud/au1 tenant=acme warn=not_identity_server use=https://acme.eu1.cloud.thethings.industries"]);
    check("https://nam1.cloud.thethings.network:8443", expect!["https://nam1.cloud.thethings.network:8443 sandbox/nam1 warn=not_identity_server,unexpected_port use=https://eu1.cloud.thethings.network:8443"]);

    // Unknown clusters under the known domains.
    check("https://eu3.cloud.thethings.network", expect!["https://eu3.cloud.thethings.network sandbox warn=unknown_cluster"]);
    check("https://cloud.thethings.network", expect!["https://cloud.thethings.network sandbox warn=unknown_cluster"]);
    check("https://acme.eu1.cloud.thethings.network", expect!["https://acme.eu1.cloud.thethings.network sandbox warn=unknown_cluster"]);
    check("https://acme.eu9.cloud.thethings.industries", expect!["https://acme.eu9.cloud.thethings.industries cloud tenant=acme warn=unknown_cluster"]);
    check("https://acme.cloud.thethings.industries", expect!["https://acme.cloud.thethings.industries cloud warn=unknown_cluster"]);
    check("https://a.acme.eu1.cloud.thethings.industries", expect!["https://a.acme.eu1.cloud.thethings.industries cloud warn=unknown_cluster"]);
    // A port on a known cluster.
    check("https://eu1.cloud.thethings.network:8884", expect!["https://eu1.cloud.thethings.network:8884 sandbox/eu1 warn=unexpected_port"]);

    // This computer: http allowed, no confirmation.
    check("http://localhost:1885", expect!["http://localhost:1885 loopback"]);
    check("https://localhost", expect!["https://localhost loopback"]);
    check("http://127.0.0.1:1885", expect!["http://127.0.0.1:1885 loopback"]);
    check("http://127.1.2.3", expect!["http://127.1.2.3 loopback"]);
    check("http://[::1]:1885", expect!["http://[::1]:1885 loopback"]);
    check("http://[0:0:0:0:0:0:0:1]/console", expect!["http://[0:0:0:0:0:0:0:1] loopback console_path@24..32"]);
    check("http://LocalHost:8080/api/v3/auth_info", expect!["http://localhost:8080 loopback lowercase@7..16 api_path@21..38"]);

    // Other servers: usable, but only after the user confirms.
    check("https://evil.example", expect!["https://evil.example other confirm warn=unknown_host"]);
    check("https://tts.example.com:8443/console", expect!["https://tts.example.com:8443 other confirm warn=unknown_host console_path@28..36"]);
    check("https://192.168.1.10", expect!["https://192.168.1.10 other confirm warn=unknown_host"]);
    check("https://[2001:db8::1]:8443", expect!["https://[2001:db8::1]:8443 other confirm warn=unknown_host"]);
    check("https://xn--bcher-kva.example", expect!["https://xn--bcher-kva.example other confirm warn=unknown_host"]);
    check("https://eu1.cloud.thethings.network.evil.example", expect!["https://eu1.cloud.thethings.network.evil.example other confirm warn=unknown_host"]);
    check("https://eu1-cloud.thethings.network", expect!["https://eu1-cloud.thethings.network other confirm warn=unknown_host"]);
    check("https://thethings.industries", expect!["https://thethings.industries other confirm warn=unknown_host"]);
    check("acme", expect!["https://acme other confirm warn=unknown_host added_scheme@0..0"]);

    // Errors.
    check("", expect!["error empty@0..0"]);
    check(" \n\t", expect!["error empty@0..3"]);
    check("http://eu1.cloud.thethings.network", expect!["error insecure_scheme@0..4"]);
    check("http://192.168.1.10:1885", expect!["error insecure_scheme@0..4"]);
    check("http://[::2]", expect!["error insecure_scheme@0..4"]);
    check("  http://eu1.cloud.thethings.network", expect!["error insecure_scheme@2..6"]);
    check("ftp://eu1.cloud.thethings.network", expect!["error unsupported_scheme@0..3"]);
    check("mqtts://eu1.cloud.thethings.network:8883", expect!["error unsupported_scheme@0..5"]);
    check("https:/eu1.cloud.thethings.network", expect!["error malformed_scheme@0..7"]);
    check("https:eu1.cloud.thethings.network", expect!["error malformed_scheme@0..6"]);
    check("HTTP:\\\\eu1.cloud.thethings.network", expect!["error malformed_scheme@0..7"]);
    check("localhost:1885", expect!["error missing_scheme@0..0"]);
    check("127.0.0.1", expect!["error missing_scheme@0..0"]);
    check("https://user:pw@eu1.cloud.thethings.network", expect!["error user_info@8..16"]);
    check("https://user@eu1.cloud.thethings.network", expect!["error user_info@8..13"]);
    check("https://a@b@eu1.cloud.thethings.network", expect!["error user_info@8..12"]);
    check("https://", expect!["error missing_host@8..8"]);
    check("https:///console", expect!["error missing_host@8..8"]);
    check("https://:443", expect!["error missing_host@8..8"]);
    check("https://еu1.cloud.thethings.network", expect!["error non_ascii_host@8..9"]);
    check("https://bücher.example", expect!["error non_ascii_host@9..10"]);
    check("https://eu1.cloud.thethings.network\u{200B}/console", expect!["error non_ascii_host@35..36"]);
    check("https://😀.example", expect!["error non_ascii_host@8..10"]);
    check("https://eu1 .cloud.thethings.network", expect!["error invalid_host_character@11..12"]);
    check("https://eu1_cloud.example", expect!["error invalid_host_character@11..12"]);
    check("https://eu1.cloud.thethings.network\\console", expect!["error invalid_host_character@35..36"]);
    check("https://%65u1.cloud.thethings.network", expect!["error invalid_host_character@8..9"]);
    check("https://eu1..cloud.thethings.network", expect!["error host_empty_label@11..13"]);
    check("https://.eu1.cloud.thethings.network", expect!["error host_empty_label@8..9"]);
    check("https://eu1.cloud.thethings.network.", expect!["error host_empty_label@35..36"]);
    check("https://-eu1.cloud.thethings.network", expect!["error host_label_dash@8..12"]);
    check("https://eu1-.example", expect!["error host_label_dash@8..12"]);
    check(&format!("https://{}.example", "a".repeat(64)), expect!["error host_too_long@8..72"]);
    check(&format!("https://{}example", "abcdefghi.".repeat(25)), expect!["error host_too_long@8..265"]);
    check("https://999.1.1.1", expect!["error invalid_ip_address@8..17"]);
    check("http://127.1", expect!["error invalid_ip_address@7..12"]);
    check("https://[::1", expect!["error invalid_ip_address@8..12"]);
    check("https://[::1]x", expect!["error invalid_ip_address@8..14"]);
    check("https://[fe80::1%25eth0]", expect!["error invalid_ip_address@8..24"]);
    check("https://[not-an-ip]", expect!["error invalid_ip_address@8..19"]);
    check("https://eu1.cloud.thethings.network:", expect!["error invalid_port@35..36"]);
    check("https://eu1.cloud.thethings.network:0", expect!["error invalid_port@35..37"]);
    check("https://eu1.cloud.thethings.network:65536", expect!["error invalid_port@35..41"]);
    check("https://eu1.cloud.thethings.network:+443", expect!["error invalid_port@35..40"]);
    check("https://eu1.cloud.thethings.network:44a", expect!["error invalid_port@35..39"]);
    check("https://eu1.cloud.thethings.network?x=1", expect!["error query_or_fragment@35..39"]);
    check("https://eu1.cloud.thethings.network#top", expect!["error query_or_fragment@35..39"]);
    check("https://eu1.cloud.thethings.network/?x=1", expect!["error query_or_fragment@36..40"]);
    check("https://eu1.cloud.thethings.network/ttn", expect!["error unexpected_path@35..39"]);
    check("https://eu1.cloud.thethings.network/consoles?x", expect!["error unexpected_path@35..44"]);
    check("https://console.cloud.thethings.network", expect!["error cluster_picker@8..39"]);
    check("https://console.cloud.thethings.network/", expect!["error cluster_picker@8..39"]);
    check("https://eu1.cloud.thethings.industries", expect!["error missing_tenant@8..38"]);
    check("https://nam1.cloud.thethings.industries/console", expect!["error missing_tenant@8..39"]);
    check("https://ab.eu1.cloud.thethings.industries", expect!["error tenant_id_length@8..10"]);
    check("https://a--b.eu1.cloud.thethings.industries", expect!["error tenant_id_dash@9..11"]);
    check(&format!("https://{}.eu1.cloud.thethings.industries", "a".repeat(37)), expect!["error tenant_id_length@8..45"]);
    // A stray character before the address.
    check("😀 http://eu1.cloud.thethings.network", expect!["error non_ascii_host@0..2"]);
    // Spans count UTF-16 code units: the emoji takes two.
    check("https://eu1.cloud.thethings.network/console/😀 ", expect!["https://eu1.cloud.thethings.network sandbox/eu1 console_path@35..46 surrounding_whitespace@46..47"]);
    check("https://eu1.cloud.thethings.network/😀/x?y", expect!["error unexpected_path@35..40"]);
    check(" https://user:pw@eu1.cloud.thethings.network ", expect!["error user_info@9..17"]);

    // The tenant field.
    check_tenant("acme", expect!["https://acme.eu1.cloud.thethings.industries cloud/eu1 tenant=acme"]);
    check_tenant("my-company-1", expect!["https://my-company-1.eu1.cloud.thethings.industries cloud/eu1 tenant=my-company-1"]);
    check_tenant(" ACME\n", expect!["https://acme.eu1.cloud.thethings.industries cloud/eu1 tenant=acme surrounding_whitespace@0..1 lowercase@1..5 surrounding_whitespace@5..6"]);
    check_tenant(&"a".repeat(36), expect!["https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.eu1.cloud.thethings.industries cloud/eu1 tenant=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]);
    check_tenant("", expect!["error empty_tenant_id@0..0"]);
    check_tenant("  ", expect!["error empty_tenant_id@0..2"]);
    check_tenant("acme.eu1.cloud.thethings.industries", expect!["error tenant_id_address@0..35"]);
    check_tenant("https://acme.eu1.cloud.thethings.industries/console", expect!["error tenant_id_address@0..51"]);
    check_tenant("my_company", expect!["error tenant_id_character@2..3"]);
    check_tenant("acme corp", expect!["error tenant_id_character@4..5"]);
    check_tenant("äcme", expect!["error tenant_id_character@0..1"]);
    check_tenant("-acme", expect!["error tenant_id_dash@0..1"]);
    check_tenant("acme-", expect!["error tenant_id_dash@4..5"]);
    check_tenant("ac--me", expect!["error tenant_id_dash@2..4"]);
    check_tenant("ab", expect!["error tenant_id_length@0..2"]);
    check_tenant("a-b", expect!["error tenant_id_length@0..3"]);
    check_tenant(&"a".repeat(37), expect!["error tenant_id_length@0..37"]);

    let seen = SEEN.with(|seen| seen.borrow().clone());
    let all_codes = ClusterErrorKind::ALL.iter().map(|kind| kind.code())
        .chain(WarningKind::ALL.iter().map(|kind| kind.code()))
        .chain(ChangeKind::ALL.iter().map(|kind| kind.code()));
    let missing: Vec<_> = all_codes.filter(|code| !seen.contains(code)).collect();
    assert!(missing.is_empty(), "no test line for: {missing:?}");
}

#[test]
fn default_is_the_default_base_url() {
    let cluster = Cluster::default();
    assert_eq!(cluster.base_url(), DEFAULT_BASE_URL);
    assert_eq!(Cluster::parse(DEFAULT_BASE_URL), Ok(cluster.clone()));
    assert_eq!(
        cluster.auth_info_url(),
        "https://eu1.cloud.thethings.network/api/v3/auth_info"
    );
    assert_eq!(
        cluster.console_url(),
        "https://eu1.cloud.thethings.network/console"
    );
    assert_eq!(cluster.known_cluster(), KNOWN_CLUSTERS.first());
}

/// The `<select>` options, pinned: a change here is a change users see.
#[test]
fn known_clusters() {
    let table: Vec<String> = KNOWN_CLUSTERS
        .iter()
        .map(|known| {
            let identity_server = if known.has_identity_server { " is" } else { "" };
            format!(
                "{} {} {}{identity_server} | {}",
                known.kind.code(),
                known.id,
                known.domain,
                known.label
            )
        })
        .collect();
    expect![[r#"
        sandbox eu1 eu1.cloud.thethings.network is | Europe 1 (eu1) — The Things Network Sandbox
        sandbox nam1 nam1.cloud.thethings.network | North America 1 (nam1) — The Things Network Sandbox
        sandbox au1 au1.cloud.thethings.network | Australia 1 (au1) — The Things Network Sandbox
        cloud eu1 eu1.cloud.thethings.industries is | Europe 1 (eu1) — The Things Stack Cloud
        cloud eu2 eu2.cloud.thethings.industries | Europe 2 (eu2) — The Things Stack Cloud
        cloud nam1 nam1.cloud.thethings.industries | North America 1 (nam1) — The Things Stack Cloud
        cloud au1 au1.cloud.thethings.industries | Australia 1 (au1) — The Things Stack Cloud
        cloud as1 as1.cloud.thethings.industries | Asia 1 (as1) — The Things Stack Cloud"#]].assert_eq(&table.join("\n"));
    for known in KNOWN_CLUSTERS {
        assert_eq!(KnownCluster::find(known.kind, known.id), Some(known));
    }
    assert_eq!(KnownCluster::find(ClusterKind::Sandbox, "eu2"), None);
}

/// The user-facing text of every error, warning and change, pinned.
#[test]
fn messages() {
    let errors = ClusterErrorKind::ALL
        .iter()
        .map(|kind| (kind.code(), kind.message()));
    let warnings = WarningKind::ALL
        .iter()
        .map(|kind| (kind.code(), kind.message()));
    let changes = ChangeKind::ALL
        .iter()
        .map(|kind| (kind.code(), kind.message()));
    let mut table = Vec::new();
    for (section, rows) in [
        ("error", errors.collect::<Vec<_>>()),
        ("warning", warnings.collect()),
        ("change", changes.collect()),
    ] {
        let mut codes = BTreeSet::new();
        for (code, message) in rows {
            assert!(codes.insert(code), "{section} code {code} is unique");
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code} is snake_case"
            );
            table.push(format!("{section} {code}: {message}"));
        }
    }
    expect![[r#"
        error empty: Enter the address of The Things Stack, such as https://eu1.cloud.thethings.network.
        error unsupported_scheme: The address must start with https://. Other schemes, such as mqtts:// or wss://, do not reach the API.
        error malformed_scheme: Write the start of the address as https:// (with two slashes).
        error insecure_scheme: The address must start with https://, not http://, or the API key would travel unencrypted. Only a server on this computer (localhost) may use http://.
        error missing_scheme: Start the address of a server on this computer with http:// or https://, whichever it uses.
        error user_info: Remove the user name and password before the @. The API key is the only credential the check needs, and a password does not belong in an address.
        error missing_host: The host name is missing. Enter an address such as https://eu1.cloud.thethings.network.
        error non_ascii_host: The host name contains a character other than the plain letters a to z, digits, dots and dashes: an accented letter, a look-alike letter from another alphabet, or an invisible character. Type the address again in plain letters; internationalized domain names are not supported.
        error invalid_host_character: Host names contain only letters, digits, dots and dashes; this character is none of those. Check the address.
        error host_empty_label: The host name has two dots in a row, or a dot at its start or end. Check the address.
        error host_label_dash: A part of the host name between dots cannot start or end with a dash. Check the address.
        error host_too_long: This host name is too long: parts between dots have at most 63 characters, the whole name at most 253. Check the address.
        error invalid_ip_address: This IP address is malformed. Check it; an IPv6 address goes in brackets, as in http://[::1]:1885.
        error invalid_port: The port after the colon must be a number from 1 to 65535.
        error query_or_fragment: Remove the part from the ? or #: the server address ends after the host name and port.
        error unexpected_path: Enter only the server address, which ends after the host name and port, such as https://eu1.cloud.thethings.network. The Things Stack does not run under a path.
        error cluster_picker: This address opens the cluster picker, not a cluster. Choose your cluster from the list instead, or enter the address the picker leads to, such as https://eu1.cloud.thethings.network.
        error missing_tenant: The Things Stack Cloud addresses start with your tenant ID, as in https://<tenant-id>.eu1.cloud.thethings.industries. Add it in front.
        error empty_tenant_id: Enter your tenant ID: the first part of your Console address, such as acme in https://acme.eu1.cloud.thethings.industries.
        error tenant_id_address: This is an address, not a tenant ID. Enter only the first part, such as acme in acme.eu1.cloud.thethings.industries, or enter the whole address as a custom address.
        error tenant_id_character: Tenant IDs contain only lower-case letters a to z, digits and dashes; this character is none of those. Check the tenant ID in your Console address.
        error tenant_id_dash: Tenant IDs cannot start or end with a dash or have two dashes in a row. Check the tenant ID in your Console address.
        error tenant_id_length: Tenant IDs have 3 to 36 characters, at least 3 of them letters or digits. Check the tenant ID in your Console address.
        warning unknown_host: This server is not part of The Things Network Sandbox or The Things Stack Cloud. Send it an API key only if you run or trust it; check the address first.
        warning unknown_cluster: This is not a known cluster of The Things Network Sandbox (eu1, nam1, au1) or The Things Stack Cloud (eu1, eu2, nam1, au1, as1). Check the address: copy it from the browser while the Console is open.
        warning not_identity_server: API keys are checked by the Identity Server, which runs only on the eu1 cluster. Use the eu1 address instead; devices and gateways can stay on this cluster.
        warning unexpected_port: The Things Network Sandbox and The Things Stack Cloud serve the API on the standard port, 443. Remove the port unless you are sure you need it.
        change surrounding_whitespace: Removed spaces and line breaks around the input.
        change added_scheme: Added https:// in front of the address.
        change lowercase: Converted upper-case letters to lower case.
        change default_port: Removed the port: it is the standard one (443 for https, 80 for http).
        change trailing_slash: Removed the slash at the end of the address.
        change console_path: This is a Console page address: kept only the server address, without /console and what follows.
        change api_path: This is an API address: kept only the server address, without /api/v3 and what follows.
        change oauth_path: This is a login page address: kept only the server address, without /oauth and what follows."#]].assert_eq(&table.join("\n"));
}

/// What JS gets: camelCase fields, and `{code, message, …}` for warnings, changes, errors.
#[test]
fn serializes_for_js() {
    let cluster = Cluster::parse(" https://acme.nam1.cloud.thethings.industries/console").unwrap();
    let json = serde_json::to_string_pretty(&cluster).unwrap();
    expect![[r#"
        {
          "baseUrl": "https://acme.nam1.cloud.thethings.industries",
          "scheme": "https",
          "host": "acme.nam1.cloud.thethings.industries",
          "port": null,
          "kind": "cloud",
          "clusterId": "nam1",
          "tenantId": "acme",
          "authInfoUrl": "https://acme.nam1.cloud.thethings.industries/api/v3/auth_info",
          "consoleUrl": "https://acme.nam1.cloud.thethings.industries/console",
          "suggestedBaseUrl": "https://acme.eu1.cloud.thethings.industries",
          "needsConfirmation": false,
          "warnings": [
            {
              "code": "not_identity_server",
              "message": "API keys are checked by the Identity Server, which runs only on the eu1 cluster. Use the eu1 address instead; devices and gateways can stay on this cluster."
            }
          ],
          "changes": [
            {
              "code": "surrounding_whitespace",
              "message": "Removed spaces and line breaks around the input.",
              "start": 0,
              "end": 1
            },
            {
              "code": "console_path",
              "message": "This is a Console page address: kept only the server address, without /console and what follows.",
              "start": 45,
              "end": 53
            }
          ]
        }"#]].assert_eq(&json);
    let error = Cluster::parse("http://eu1.cloud.thethings.network").unwrap_err();
    expect![[r#"{"code":"insecure_scheme","message":"The address must start with https://, not http://, or the API key would travel unencrypted. Only a server on this computer (localhost) may use http://.","start":0,"end":4}"#]].assert_eq(&serde_json::to_string(&error).unwrap());
    expect![[r#"{"kind":"sandbox","id":"nam1","label":"North America 1 (nam1) — The Things Network Sandbox","domain":"nam1.cloud.thethings.network","hasIdentityServer":false}"#]].assert_eq(&serde_json::to_string(&KNOWN_CLUSTERS[1]).unwrap());
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Cluster>();
    assert_send_sync::<ClusterError>();
    assert_send_sync::<KnownCluster>();
}

/// Text built from the pieces addresses are made of, plus any character.
fn address_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "https://",
            "http://",
            "HTTPS://",
            "https:",
            "//",
            "/",
            ":",
            "::",
            "[",
            "]",
            "@",
            "?",
            "#",
            ".",
            "-",
            "--",
            "eu1",
            "nam1",
            "acme",
            "cloud",
            "thethings",
            "network",
            "industries",
            "console",
            "api",
            "v3",
            "oauth",
            "localhost",
            "127",
            "0",
            "1",
            "443",
            "65536",
            " ",
            "\n",
            "\u{200B}",
            "é",
            "😀",
            "е",
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(test_support::props::config())]

    /// Never panics; spans stay inside the input; a base URL parses back to itself.
    #[test]
    fn any_input_is_handled(input in address_like()) {
        let n_utf16 = input.encode_utf16().count();
        for result in [Cluster::parse(&input), Cluster::from_tenant_id(&input)] {
            match result {
                Ok(cluster) => {
                    for change in cluster.changes() {
                        prop_assert!(change.start() <= change.end() && change.end() <= n_utf16);
                    }
                    let again = Cluster::parse(cluster.base_url());
                    prop_assert_eq!(again.map(|c| c.base_url().to_owned()), Ok(cluster.base_url().to_owned()));
                }
                Err(error) => {
                    prop_assert!(error.start() <= error.end() && error.end() <= n_utf16);
                }
            }
        }
    }
}
