//! Tests for `rights`: expansion, missing rights, unknown and prefix-less names, grouping,
//! and conformance of our table with the reference enum files in `reference/tts/`.

use tts_keycheck::rights::{self, Edition, Entity, IOTBRIDGE_PROFILE, RIGHTS};

const APPLICATION_ALL: &[&str] = &[
    "RIGHT_APPLICATION_INFO",
    "RIGHT_APPLICATION_SETTINGS_BASIC",
    "RIGHT_APPLICATION_SETTINGS_API_KEYS",
    "RIGHT_APPLICATION_SETTINGS_COLLABORATORS",
    "RIGHT_APPLICATION_SETTINGS_PACKAGES",
    "RIGHT_APPLICATION_DELETE",
    "RIGHT_APPLICATION_PURGE",
    "RIGHT_APPLICATION_DEVICES_READ",
    "RIGHT_APPLICATION_DEVICES_WRITE",
    "RIGHT_APPLICATION_DEVICES_READ_KEYS",
    "RIGHT_APPLICATION_DEVICES_WRITE_KEYS",
    "RIGHT_APPLICATION_TRAFFIC_READ",
    "RIGHT_APPLICATION_TRAFFIC_UP_WRITE",
    "RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE",
    "RIGHT_APPLICATION_LINK",
    "RIGHT_APPLICATION_ALL",
];

const ORGANIZATION_ALL: &[&str] = &[
    "RIGHT_ORGANIZATION_INFO",
    "RIGHT_ORGANIZATION_SETTINGS_BASIC",
    "RIGHT_ORGANIZATION_SETTINGS_API_KEYS",
    "RIGHT_ORGANIZATION_SETTINGS_MEMBERS",
    "RIGHT_ORGANIZATION_DELETE",
    "RIGHT_ORGANIZATION_PURGE",
    "RIGHT_ORGANIZATION_APPLICATIONS_LIST",
    "RIGHT_ORGANIZATION_APPLICATIONS_CREATE",
    "RIGHT_ORGANIZATION_GATEWAYS_LIST",
    "RIGHT_ORGANIZATION_GATEWAYS_CREATE",
    "RIGHT_ORGANIZATION_CLIENTS_LIST",
    "RIGHT_ORGANIZATION_CLIENTS_CREATE",
    "RIGHT_ORGANIZATION_ADD_AS_COLLABORATOR",
    "RIGHT_ORGANIZATION_ALL",
];

const USER_ALL: &[&str] = &[
    "RIGHT_USER_INFO",
    "RIGHT_USER_SETTINGS_BASIC",
    "RIGHT_USER_LIST",
    "RIGHT_USER_CREATE",
    "RIGHT_USER_SETTINGS_API_KEYS",
    "RIGHT_USER_DELETE",
    "RIGHT_USER_PURGE",
    "RIGHT_USER_AUTHORIZED_CLIENTS",
    "RIGHT_USER_APPLICATIONS_LIST",
    "RIGHT_USER_APPLICATIONS_CREATE",
    "RIGHT_USER_GATEWAYS_LIST",
    "RIGHT_USER_GATEWAYS_CREATE",
    "RIGHT_USER_CLIENTS_LIST",
    "RIGHT_USER_CLIENTS_CREATE",
    "RIGHT_USER_ORGANIZATIONS_LIST",
    "RIGHT_USER_ORGANIZATIONS_CREATE",
    "RIGHT_USER_NOTIFICATIONS_READ",
    "RIGHT_USER_ALL",
];

const GATEWAY_ALL: &[&str] = &[
    "RIGHT_GATEWAY_INFO",
    "RIGHT_GATEWAY_SETTINGS_BASIC",
    "RIGHT_GATEWAY_SETTINGS_API_KEYS",
    "RIGHT_GATEWAY_SETTINGS_COLLABORATORS",
    "RIGHT_GATEWAY_DELETE",
    "RIGHT_GATEWAY_PURGE",
    "RIGHT_GATEWAY_TRAFFIC_READ",
    "RIGHT_GATEWAY_TRAFFIC_DOWN_WRITE",
    "RIGHT_GATEWAY_LINK",
    "RIGHT_GATEWAY_STATUS_READ",
    "RIGHT_GATEWAY_LOCATION_READ",
    "RIGHT_GATEWAY_WRITE_SECRETS",
    "RIGHT_GATEWAY_READ_SECRETS",
    "RIGHT_GATEWAY_ALL",
];

#[track_caller]
fn check_expand(input: &[&str], expect: &[&str]) {
    assert_eq!(rights::expand(input), expect, "expand({input:?})");
}

#[track_caller]
fn check_missing(granted: &[&str], required: &[&str], expect: &[&str]) {
    assert_eq!(
        rights::missing(granted, required),
        expect,
        "missing({granted:?}, {required:?})"
    );
}

#[track_caller]
fn check_info(input: &str, expect: Option<(&str, u16, Entity, Edition)>) {
    let actual = rights::info(input).map(|r| (r.name, r.number, r.entity, r.edition));
    assert_eq!(actual, expect, "info({input:?})");
}

const APPLICATION_LINK: &[&str] = &[
    "RIGHT_APPLICATION_INFO",
    "RIGHT_APPLICATION_TRAFFIC_READ",
    "RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE",
    "RIGHT_APPLICATION_LINK",
];
const CLIENT_ALL: &[&str] = &[
    "RIGHT_CLIENT_ALL",
    "RIGHT_CLIENT_INFO",
    "RIGHT_CLIENT_SETTINGS_BASIC",
    "RIGHT_CLIENT_SETTINGS_COLLABORATORS",
    "RIGHT_CLIENT_DELETE",
];
const PROFILE_APPLICATION_RIGHTS: &[&str] = &[
    "RIGHT_APPLICATION_INFO",
    "RIGHT_APPLICATION_SETTINGS_BASIC",
    "RIGHT_APPLICATION_DEVICES_READ",
    "RIGHT_APPLICATION_DEVICES_WRITE",
    "RIGHT_APPLICATION_DEVICES_READ_KEYS",
    "RIGHT_APPLICATION_DEVICES_WRITE_KEYS",
];
const PROFILE_ORGANIZATION_RIGHTS: &[&str] = &[
    "RIGHT_ORGANIZATION_APPLICATIONS_LIST",
    "RIGHT_ORGANIZATION_APPLICATIONS_CREATE",
];

fn every_right() -> Vec<&'static str> {
    RIGHTS.iter().map(|r| r.name).collect()
}

#[test]
#[rustfmt::skip]
fn expansion() {
    check_expand(&[], &[]);
    check_expand(&["RIGHT_ORGANIZATION_INFO"], &["RIGHT_ORGANIZATION_INFO"]);
    check_expand(&["RIGHT_APPLICATION_ALL"], APPLICATION_ALL);
    check_expand(&["RIGHT_ORGANIZATION_ALL"], ORGANIZATION_ALL);
    check_expand(&["RIGHT_USER_ALL"], USER_ALL);
    check_expand(&["RIGHT_GATEWAY_ALL"], GATEWAY_ALL);
    check_expand(&["RIGHT_CLIENT_ALL"], CLIENT_ALL);
    check_expand(&["RIGHT_APPLICATION_LINK"], APPLICATION_LINK);
    check_expand(&["RIGHT_GATEWAY_LINK"], &["RIGHT_GATEWAY_INFO", "RIGHT_GATEWAY_LINK"]);
    check_expand(&["RIGHT_LABEL_ALL"], &["RIGHT_LABEL_ALL"]);
    check_expand(&["RIGHT_SEND_INVITES"], &["RIGHT_SEND_INVITES"]);
    check_expand(&["RIGHT_APPLICATION_LINK", "RIGHT_APPLICATION_INFO", "RIGHT_APPLICATION_INFO"], APPLICATION_LINK);
    check_expand(&["RIGHT_ORGANIZATION_INFO", "RIGHT_APPLICATION_INFO"], &["RIGHT_APPLICATION_INFO", "RIGHT_ORGANIZATION_INFO"]);
    check_expand(&["RIGHT_ALL"], &every_right());
    check_expand(&["RIGHT_ALL", "RIGHT_APPLICATION_ALL"], &every_right());
}

#[test]
#[rustfmt::skip]
fn expansion_of_names_in_other_spellings() {
    check_expand(&["ORGANIZATION_INFO"], &["RIGHT_ORGANIZATION_INFO"]);
    check_expand(&["organization_info"], &["RIGHT_ORGANIZATION_INFO"]);
    check_expand(&["right-organization-info"], &["RIGHT_ORGANIZATION_INFO"]);
    check_expand(&[" RIGHT_ORGANIZATION_INFO\n"], &["RIGHT_ORGANIZATION_INFO"]);
    check_expand(&["APPLICATION_LINK"], APPLICATION_LINK);
    check_expand(&["ORGANIZATION_INFO", "RIGHT_ORGANIZATION_INFO", "organization-info"], &["RIGHT_ORGANIZATION_INFO"]);
}

#[test]
#[rustfmt::skip]
fn unknown_names_are_kept() {
    check_expand(&["RIGHT_FROM_THE_FUTURE"], &["RIGHT_FROM_THE_FUTURE"]);
    check_expand(&["RIGHT_ZZZ", "RIGHT_AAA", "RIGHT_ZZZ"], &["RIGHT_AAA", "RIGHT_ZZZ"]);
    check_expand(&["RIGHT_NEW", "RIGHT_ORGANIZATION_INFO"], &["RIGHT_ORGANIZATION_INFO", "RIGHT_NEW"]);
    check_expand(&["right_invalid"], &["right_invalid"]);
    check_expand(&["RIGHT_"], &["RIGHT_"]);
    check_expand(&["RIGHT_RIGHT_ALL"], &["RIGHT_RIGHT_ALL"]);
    check_expand(&["", "  "], &[]);
    check_expand(&["RIGHT_ALL", "RIGHT_NEW"], &[every_right(), vec!["RIGHT_NEW"]].concat());
}

#[test]
#[rustfmt::skip]
fn missing_rights() {
    check_missing(&[], IOTBRIDGE_PROFILE, IOTBRIDGE_PROFILE);
    check_missing(&["RIGHT_ALL"], IOTBRIDGE_PROFILE, &[]);
    check_missing(&["RIGHT_APPLICATION_ALL", "RIGHT_ORGANIZATION_APPLICATIONS_LIST", "RIGHT_ORGANIZATION_APPLICATIONS_CREATE"], IOTBRIDGE_PROFILE, &[]);
    check_missing(&["RIGHT_APPLICATION_ALL", "RIGHT_ORGANIZATION_APPLICATIONS_LIST"], IOTBRIDGE_PROFILE, &["RIGHT_ORGANIZATION_APPLICATIONS_CREATE"]);
    check_missing(&["RIGHT_APPLICATION_ALL", "RIGHT_ORGANIZATION_ALL"], IOTBRIDGE_PROFILE, &[]);
    check_missing(&["RIGHT_ORGANIZATION_ALL"], IOTBRIDGE_PROFILE, PROFILE_APPLICATION_RIGHTS);
    check_missing(&["RIGHT_APPLICATION_ALL"], IOTBRIDGE_PROFILE, PROFILE_ORGANIZATION_RIGHTS);
    check_missing(&["RIGHT_APPLICATION_DEVICES_READ", "RIGHT_APPLICATION_DEVICES_WRITE"], IOTBRIDGE_PROFILE, &["RIGHT_APPLICATION_INFO", "RIGHT_APPLICATION_SETTINGS_BASIC", "RIGHT_APPLICATION_DEVICES_READ_KEYS", "RIGHT_APPLICATION_DEVICES_WRITE_KEYS", "RIGHT_ORGANIZATION_APPLICATIONS_LIST", "RIGHT_ORGANIZATION_APPLICATIONS_CREATE"]);
    check_missing(&["RIGHT_USER_ALL"], IOTBRIDGE_PROFILE, IOTBRIDGE_PROFILE);
    check_missing(IOTBRIDGE_PROFILE, IOTBRIDGE_PROFILE, &[]);
    check_missing(&["RIGHT_APPLICATION_LINK"], &["RIGHT_APPLICATION_INFO", "RIGHT_APPLICATION_DEVICES_READ"], &["RIGHT_APPLICATION_DEVICES_READ"]);
    check_missing(&["RIGHT_CLIENT_ALL"], &["RIGHT_CLIENT_DELETE", "RIGHT_CLIENT_PURGE"], &["RIGHT_CLIENT_PURGE"]);
    check_missing(&[], &["RIGHT_GATEWAY_INFO", "RIGHT_APPLICATION_INFO"], &["RIGHT_GATEWAY_INFO", "RIGHT_APPLICATION_INFO"]);
    check_missing(&[], &["RIGHT_APPLICATION_INFO", "APPLICATION_INFO", "application-info"], &["RIGHT_APPLICATION_INFO"]);
}

#[test]
#[rustfmt::skip]
fn missing_rights_with_other_spellings_and_unknown_names() {
    check_missing(&["APPLICATION_ALL"], &["RIGHT_APPLICATION_INFO"], &[]);
    check_missing(&["RIGHT_APPLICATION_ALL"], &["application_devices_read"], &[]);
    check_missing(&[], &["ORGANIZATION_INFO"], &["RIGHT_ORGANIZATION_INFO"]);
    check_missing(&["RIGHT_FUTURE"], &["RIGHT_FUTURE", "RIGHT_OTHER"], &["RIGHT_OTHER"]);
    check_missing(&["RIGHT_ALL"], &["RIGHT_FUTURE"], &["RIGHT_FUTURE"]);
    check_missing(&["RIGHT_FUTURE", "RIGHT_ORGANIZATION_INFO"], &["RIGHT_ORGANIZATION_INFO"], &[]);
    check_missing(&[], &[""], &[]);
}

#[test]
#[rustfmt::skip]
fn lookup() {
    use Edition::*;
    use Entity::*;
    check_info("RIGHT_ORGANIZATION_INFO", Some(("RIGHT_ORGANIZATION_INFO", 41, Organization, V3_32)));
    check_info("ORGANIZATION_INFO", Some(("RIGHT_ORGANIZATION_INFO", 41, Organization, V3_32)));
    check_info("right-organization-info", Some(("RIGHT_ORGANIZATION_INFO", 41, Organization, V3_32)));
    check_info("RIGHT_USER_LIST", Some(("RIGHT_USER_LIST", 87, User, Upstream)));
    check_info("RIGHT_APPLICATION_PURGE", Some(("RIGHT_APPLICATION_PURGE", 64, Application, Upstream)));
    check_info("LABELS_LIST", Some(("RIGHT_LABELS_LIST", 94, Other, Enterprise)));
    check_info("RIGHT_EXTERNAL_USER_INFO", Some(("RIGHT_EXTERNAL_USER_INFO", 85, Other, Enterprise)));
    check_info("RIGHT_ALL", Some(("RIGHT_ALL", 55, Other, V3_32)));
    check_info("ALL", Some(("RIGHT_ALL", 55, Other, V3_32)));
    check_info("RIGHT_", None);
    check_info("", None);
    check_info("right_invalid", None);
    check_info("RIGHT_RIGHT_ALL", None);
    check_info("RIGHT_ORGANIZATION_INFO_", None);
    check_info("RIGHT_ORGANIZATION_İNFO", None);
    assert_eq!(rights::by_number(53).map(|r| r.name), Some("RIGHT_ORGANIZATION_ALL"));
    assert_eq!(rights::by_number(98).map(|r| r.name), None);
    assert_eq!(rights::by_number(0).map(|r| r.name), None);
    assert_eq!(rights::canonical("devices-read"), "devices-read");
    assert_eq!(rights::canonical("application-devices-read"), "RIGHT_APPLICATION_DEVICES_READ");
}

#[test]
#[rustfmt::skip]
fn grouping() {
    #[track_caller]
    fn check(input: &[&str], expect: &[(Entity, &[&str])]) {
        let actual: Vec<(Entity, Vec<String>)> = rights::group_by_entity(input)
            .into_iter()
            .map(|group| (group.entity, group.rights))
            .collect();
        let expect: Vec<(Entity, Vec<String>)> = expect
            .iter()
            .map(|(entity, names)| (*entity, names.iter().map(|n| n.to_string()).collect()))
            .collect();
        assert_eq!(actual, expect, "group_by_entity({input:?})");
    }
    use Entity::*;
    check(&[], &[]);
    check(IOTBRIDGE_PROFILE, &[(Organization, PROFILE_ORGANIZATION_RIGHTS), (Application, PROFILE_APPLICATION_RIGHTS)]);
    check(&["RIGHT_ALL", "RIGHT_USER_INFO", "gateway_info"], &[(Gateway, &["RIGHT_GATEWAY_INFO"]), (User, &["RIGHT_USER_INFO"]), (Other, &["RIGHT_ALL"])]);
    check(&["RIGHT_GATEWAY_NEW", "RIGHT_NEW", "application-new", "RIGHT_NEW"], &[(Application, &["application-new"]), (Gateway, &["RIGHT_GATEWAY_NEW"]), (Other, &["RIGHT_NEW"])]);
    check(&["RIGHT_EXTERNAL_USER_INFO", "RIGHT_USER_PURGE"], &[(User, &["RIGHT_USER_PURGE"]), (Other, &["RIGHT_EXTERNAL_USER_INFO"])]);
}

/// A server may send any number of names: 100 000 (50 000 unknown names, each twice, and a
/// known one) are grouped with each name once, in the order it first appears.
#[test]
fn grouping_many_names() {
    let unknown = |n: usize| {
        if n % 2 == 0 {
            format!("RIGHT_GATEWAY_NEW_{n}")
        } else {
            format!("application-new-{n}")
        }
    };
    let mut names: Vec<String> = (0..50_000).chain((0..50_000).rev()).map(unknown).collect();
    names.push("gateway-info".to_owned());
    let groups = rights::group_by_entity(&names);
    let application: Vec<String> = (1..50_000).step_by(2).map(unknown).collect();
    let gateway: Vec<String> = std::iter::once("RIGHT_GATEWAY_INFO".to_owned())
        .chain((0..50_000).step_by(2).map(unknown))
        .collect();
    let entities: Vec<Entity> = groups.iter().map(|group| group.entity).collect();
    assert_eq!(entities, [Entity::Application, Entity::Gateway]);
    assert!(
        groups[0].rights == application,
        "{} application rights",
        groups[0].rights.len()
    );
    assert!(
        groups[1].rights == gateway,
        "{} gateway rights",
        groups[1].rights.len()
    );
}

#[test]
fn iotbridge_profile_is_known_and_minimal() {
    for name in IOTBRIDGE_PROFILE {
        let info = rights::info(name).unwrap();
        assert_eq!(info.name, *name, "profile names are canonical");
        assert_eq!(
            info.edition,
            Edition::V3_32,
            "{name} exists on every server"
        );
        assert!(!name.ends_with("_ALL"), "{name} is a pseudo-right");
    }
    assert_eq!(rights::expand(IOTBRIDGE_PROFILE), IOTBRIDGE_PROFILE);
}

#[test]
fn table_is_consistent() {
    let mut names: Vec<&str> = RIGHTS.iter().map(|r| r.name).collect();
    let mut numbers: Vec<u16> = RIGHTS.iter().map(|r| r.number).collect();
    names.sort_unstable();
    names.dedup();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(names.len(), RIGHTS.len(), "duplicate name");
    assert_eq!(numbers.len(), RIGHTS.len(), "duplicate number");
    for right in RIGHTS {
        assert!(right.name.starts_with("RIGHT_"), "{}", right.name);
        assert!(
            !right.summary.is_empty() && !right.summary.ends_with('.'),
            "{}",
            right.name
        );
        let prefix_entity = match right.name {
            n if n.starts_with("RIGHT_USER_") => Entity::User,
            n if n.starts_with("RIGHT_APPLICATION_") => Entity::Application,
            n if n.starts_with("RIGHT_CLIENT_") => Entity::Client,
            n if n.starts_with("RIGHT_GATEWAY_") => Entity::Gateway,
            n if n.starts_with("RIGHT_ORGANIZATION_") => Entity::Organization,
            _ => Entity::Other,
        };
        assert_eq!(right.entity, prefix_entity, "{}", right.name);
    }
}

// Conformance with the reference data.

fn reference(file: &str) -> String {
    let path = format!("{}/reference/tts/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("reading {path}: {err}"))
}

/// `name<TAB>number` lines; `#` lines are comments.
fn read_tsv(file: &str) -> Vec<(String, u16)> {
    reference(file)
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (name, number) = line.split_once('\t').unwrap();
            (name.to_owned(), number.trim().parse().unwrap())
        })
        .collect()
}

/// The `values:` list of `Right.yml`: `- name: X` followed (after comment lines) by
/// `  value: N`.
fn read_yml(file: &str) -> Vec<(String, u16)> {
    let mut values = Vec::new();
    let mut name: Option<String> = None;
    for line in reference(file).lines() {
        if let Some(rest) = line.strip_prefix("- name: ") {
            name = Some(rest.trim().to_owned());
        } else if let Some(rest) = line.strip_prefix("  value: ") {
            let name = name.take().unwrap();
            values.push((name, rest.trim().parse().unwrap()));
        }
    }
    assert!(name.is_none(), "a name without a value");
    values
}

#[track_caller]
fn check_reference(file: &str, values: &[(String, u16)], expected_len: usize) {
    assert_eq!(values.len(), expected_len, "{file}: values read");
    for (name, number) in values {
        if name == "right_invalid" {
            assert_eq!(*number, 0);
            continue;
        }
        let info = rights::info(name).unwrap_or_else(|| panic!("{file}: {name} is not in RIGHTS"));
        assert_eq!(info.name, name, "{file}: canonical name");
        assert_eq!(info.number, *number, "{file}: number of {name}");
    }
}

#[test]
fn table_covers_reference_v3_32() {
    check_reference("rights-v3.32.tsv", &read_tsv("rights-v3.32.tsv"), 64);
}

#[test]
fn table_covers_reference_upstream() {
    let file = "rights-upstream-5f9bf95.tsv";
    check_reference(file, &read_tsv(file), 71);
}

#[test]
fn table_covers_reference_enterprise() {
    check_reference("Right.yml", &read_yml("Right.yml"), 99);
}

#[test]
fn table_has_nothing_beyond_the_references_and_editions_are_right() {
    let v3_32 = read_tsv("rights-v3.32.tsv");
    let upstream = read_tsv("rights-upstream-5f9bf95.tsv");
    let enterprise = read_yml("Right.yml");
    let has = |values: &[(String, u16)], name: &str| values.iter().any(|(n, _)| n == name);
    for right in RIGHTS {
        let expected = if has(&v3_32, right.name) {
            Edition::V3_32
        } else if has(&upstream, right.name) {
            Edition::Upstream
        } else {
            assert!(
                has(&enterprise, right.name),
                "{} is in no reference",
                right.name
            );
            Edition::Enterprise
        };
        assert_eq!(right.edition, expected, "edition of {}", right.name);
    }
    assert_eq!(
        RIGHTS.len(),
        enterprise.len() - 1,
        "Right.yml lists every right"
    );
}
